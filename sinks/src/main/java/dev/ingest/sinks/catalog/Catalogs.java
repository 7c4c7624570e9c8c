package dev.ingest.sinks.catalog;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.iceberg.CatalogProperties;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.flink.CatalogLoader;

/**
 * Turns a {@link DestinationConfig} into Iceberg catalogs: a serializable {@link CatalogLoader} for Flink
 * operators, or an open {@link Catalog} for the client side (table creation before the job graph is built).
 *
 * <p>{@code local} is Iceberg's {@code HadoopCatalog} on the warehouse directory with a default Hadoop
 * {@link Configuration} (local file system). Other types are validated here so that a spec naming one fails
 * before any job starts.
 */
public final class Catalogs {

  /** Catalog name used by {@link #open(DestinationConfig)}. */
  public static final String DEFAULT_CATALOG_NAME = "ingest";

  /** Destination types that {@link #loader} can build. */
  public static final List<String> SUPPORTED_TYPES = List.of(DestinationConfig.LOCAL);

  /** Destination types that are planned but not built yet. */
  public static final List<String> PLANNED_TYPES = List.of("s3", "rest", "glue", "jdbc");

  private Catalogs() {}

  /**
   * A serializable loader for the destination's catalog.
   *
   * @throws IllegalArgumentException when the type is unknown or not implemented yet, or the warehouse is missing
   */
  public static CatalogLoader loader(String catalogName, DestinationConfig d) {
    if (catalogName == null || catalogName.isBlank()) {
      throw new IllegalArgumentException("catalog name must not be blank");
    }
    String type = d.type();
    if (DestinationConfig.LOCAL.equals(type)) {
      return CatalogLoader.hadoop(catalogName, new Configuration(), localProperties(d));
    }
    if (PLANNED_TYPES.contains(type)) {
      throw new IllegalArgumentException(
          "destination.type: '" + type + "' is not implemented yet (supported: " + SUPPORTED_TYPES + ")");
    }
    throw new IllegalArgumentException(
        "destination.type: unknown destination type '" + type + "' (expected one of " + SUPPORTED_TYPES + ")");
  }

  /** Opens the destination's catalog on this JVM; close it when done (Hadoop catalogs are {@code Closeable}). */
  public static Catalog open(DestinationConfig d) {
    return loader(DEFAULT_CATALOG_NAME, d).loadCatalog();
  }

  private static Map<String, String> localProperties(DestinationConfig d) {
    String warehouse = d.warehouse();
    if (warehouse == null || warehouse.isBlank()) {
      throw new IllegalArgumentException("destination.warehouse: required for a local destination");
    }
    Map<String, String> props = new HashMap<>(d.properties());
    props.put(CatalogProperties.WAREHOUSE_LOCATION, absoluteIfPlainPath(warehouse));
    return props;
  }

  /** Plain paths are made absolute so that every task manager resolves the same directory; URIs stay as given. */
  private static String absoluteIfPlainPath(String warehouse) {
    if (warehouse.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*") && !warehouse.matches("^[a-zA-Z]:[\\\\/].*")) {
      return warehouse;
    }
    return Path.of(warehouse).toAbsolutePath().normalize().toString();
  }
}
