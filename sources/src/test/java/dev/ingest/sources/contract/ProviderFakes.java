package dev.ingest.sources.contract;

import dev.ingest.sources.contract.fake.ProviderFake;
import dev.ingest.sources.contract.fake.StripeFake;
import java.util.List;
import java.util.function.Supplier;

/** One fresh fake per provider connector. */
final class ProviderFakes {
  private ProviderFakes() {}

  static List<Supplier<ProviderFake>> all() {
    return List.of(StripeFake::new);
  }
}
