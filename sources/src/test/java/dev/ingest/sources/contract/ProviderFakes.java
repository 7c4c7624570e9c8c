package dev.ingest.sources.contract;

import dev.ingest.sources.contract.fake.AsanaFake;
import dev.ingest.sources.contract.fake.GitHubFake;
import dev.ingest.sources.contract.fake.GreenhouseFake;
import dev.ingest.sources.contract.fake.HubSpotFake;
import dev.ingest.sources.contract.fake.IntercomFake;
import dev.ingest.sources.contract.fake.JiraFake;
import dev.ingest.sources.contract.fake.LinearFake;
import dev.ingest.sources.contract.fake.MailchimpFake;
import dev.ingest.sources.contract.fake.NotionFake;
import dev.ingest.sources.contract.fake.PipedriveFake;
import dev.ingest.sources.contract.fake.SalesforceFake;
import dev.ingest.sources.contract.fake.ShopifyFake;
import dev.ingest.sources.contract.fake.SlackFake;
import dev.ingest.sources.contract.fake.StripeFake;
import dev.ingest.sources.contract.fake.ZendeskFake;
import dev.ingest.sources.contract.fake.ProviderFake;
import java.util.List;
import java.util.function.Supplier;

/** One fresh fake per provider connector (shared with the jobs module's end-to-end tests through the test-jar). */
public final class ProviderFakes {
  private ProviderFakes() {}

  public static List<Supplier<ProviderFake>> all() {
    return List.of(AsanaFake::new, GitHubFake::new, GreenhouseFake::new, HubSpotFake::new, IntercomFake::new,
        JiraFake::new, LinearFake::new, MailchimpFake::new, NotionFake::new, PipedriveFake::new, SalesforceFake::new,
        ShopifyFake::new, SlackFake::new, StripeFake::new, ZendeskFake::new);
  }

  /** The endpoint names of a built-in connector, in declaration order. */
  public static List<String> endpointsOf(String connector) {
    return dev.ingest.sources.spec.ConnectorCatalog.builtIn().find(connector).orElseThrow().endpointNames();
  }
}
