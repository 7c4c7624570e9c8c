package dev.ingest.jobs.spec;

import dev.ingest.sources.airbyte.ManifestDirectory;
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
 * @param manifests the Airbyte manifests the installation offers by name ({@code connector: mailgun}; the home's
 *     {@code airbyte.manifest_dirs})
 */
public record SpecDefaults(Path warehouse, Path catalogDatabase, AddressPolicy addresses, LineageOptions lineage,
    ManifestDirectory manifests) {
  /** Defaults without lineage. */
  public SpecDefaults(Path warehouse, Path catalogDatabase, AddressPolicy addresses) {
    this(warehouse, catalogDatabase, addresses, LineageOptions.OFF);
  }

  /** Defaults without manifests offered by name. */
  public SpecDefaults(Path warehouse, Path catalogDatabase, AddressPolicy addresses, LineageOptions lineage) {
    this(warehouse, catalogDatabase, addresses, lineage, ManifestDirectory.EMPTY);
  }

  public SpecDefaults {
    Objects.requireNonNull(manifests, "manifests");
    Objects.requireNonNull(lineage, "lineage");
    Objects.requireNonNull(warehouse, "warehouse");
    Objects.requireNonNull(catalogDatabase, "catalogDatabase");
    Objects.requireNonNull(addresses, "addresses");
  }
}
