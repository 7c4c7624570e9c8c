package dev.ingest.sinks.catalog;

import java.io.Serializable;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Where a pipeline's tables live: the catalog type, its warehouse location and catalog properties.
 *
 * <p>Only {@code local} (an Iceberg {@code HadoopCatalog} on a warehouse directory) is implemented; {@code s3},
 * {@code rest}, {@code glue} and {@code jdbc} are reserved names that {@link Catalogs} rejects with a clear error
 * until they exist. Property values may one day hold credentials, so {@link #toString()} prints keys only.
 *
 * @param type catalog type, e.g. {@code local}
 * @param warehouse warehouse location: a directory for {@code local} (relative paths resolve against the
 *     working directory), a URI for object stores
 * @param properties extra Iceberg catalog properties, passed through to the catalog as given
 */
public record DestinationConfig(String type, String warehouse, Map<String, String> properties)
    implements Serializable {

  /** Type name of the local warehouse-directory catalog. */
  public static final String LOCAL = "local";

  /** Validates the type and freezes the properties (null means none). */
  public DestinationConfig {
    Objects.requireNonNull(type, "type");
    properties =
        properties == null || properties.isEmpty()
            ? Map.of()
            : Collections.unmodifiableMap(new LinkedHashMap<>(properties));
  }

  /** A {@code local} destination on the given warehouse directory, without extra properties. */
  public static DestinationConfig local(String warehouse) {
    return new DestinationConfig(LOCAL, warehouse, Map.of());
  }

  @Override
  public String toString() {
    return "DestinationConfig[type=" + type + ", warehouse=" + warehouse + ", properties=" + properties.keySet() + "]";
  }
}
