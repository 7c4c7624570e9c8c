package dev.ingest.jobs.spec;

import dev.ingest.sources.net.AddressPolicy;
import java.nio.file.Path;
import java.util.Objects;

/**
 * What a pipeline definition falls back to where it says nothing, as the host that loads it decides: the callers
 * build it from the Ingest home and its network settings, so the spec layer never reads the host itself.
 *
 * @param warehouse the local warehouse a {@code local} destination (or no destination) writes to
 * @param catalogDatabase the SQLite file an {@code s3} destination without {@code uri} keeps its catalog in
 * @param addresses the hosts connectors may call (the server-side request forgery guard, {@link AddressPolicy})
 * @param lineage where run events go when a pipeline's {@code lineage} block says nothing (the home's settings)
 */
public record SpecDefaults(Path warehouse, Path catalogDatabase, AddressPolicy addresses, LineageOptions lineage) {
  /** Defaults without lineage. */
  public SpecDefaults(Path warehouse, Path catalogDatabase, AddressPolicy addresses) {
    this(warehouse, catalogDatabase, addresses, LineageOptions.OFF);
  }

  public SpecDefaults {
    Objects.requireNonNull(lineage, "lineage");
    Objects.requireNonNull(warehouse, "warehouse");
    Objects.requireNonNull(catalogDatabase, "catalogDatabase");
    Objects.requireNonNull(addresses, "addresses");
  }
}
