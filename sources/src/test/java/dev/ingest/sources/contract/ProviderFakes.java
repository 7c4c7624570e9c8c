package dev.ingest.sources.contract;

import dev.ingest.sources.contract.fake.AsanaFake;
import dev.ingest.sources.contract.fake.GitHubFake;
import dev.ingest.sources.contract.fake.HubSpotFake;
import dev.ingest.sources.contract.fake.ProviderFake;
import dev.ingest.sources.contract.fake.ShopifyFake;
import dev.ingest.sources.contract.fake.StripeFake;
import dev.ingest.sources.contract.fake.ZendeskFake;
import java.util.List;
import java.util.function.Supplier;

/** One fresh fake per provider connector. */
final class ProviderFakes {
  private ProviderFakes() {}

  static List<Supplier<ProviderFake>> all() {
    return List.of(AsanaFake::new, GitHubFake::new, HubSpotFake::new, ShopifyFake::new, StripeFake::new,
        ZendeskFake::new);
  }
}
