package dev.ingest.sinks.catalog;

import java.io.Serializable;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a pipeline's tables live: the catalog type, its warehouse, catalog URI and properties, and the names of
 * the secrets that hold its credentials. Never a credential itself: {@link Catalogs} reads the named secrets when
 * the catalog is opened, so neither this record nor the job graph carries a secret value.
 *
 * <p>Types (see docs/destinations.md): {@value #LOCAL} (Hadoop catalog on a directory), {@value #S3} (an embedded
 * JDBC catalog plus Iceberg's S3FileIO on the warehouse bucket), {@value #REST} (Iceberg REST catalog: Apache
 * Polaris, Snowflake Open Catalog, …), {@value #GLUE} (AWS Glue Data Catalog) and {@value #JDBC}.
 *
 * @param type catalog type
 * @param warehouse warehouse location: a directory for {@code local}, {@code s3://bucket/prefix} for object
 *     stores, the catalog's warehouse name for REST catalogs that manage storage; may be null for REST
 * @param uri the catalog endpoint: the REST base URI or a JDBC URL; null where the type needs none
 * @param properties further Iceberg catalog and FileIO properties (no secrets), passed through as given
 * @param catalogSecret secret holding catalog credentials (REST: {@code client_id}/{@code client_secret} or
 *     {@code token}; JDBC: {@code user}/{@code password}), or null
 * @param storageSecret secret holding S3 keys ({@code access_key_id}, {@code secret_access_key}, optional
 *     {@code session_token}), or null for the AWS default credential chain
 */
public record DestinationConfig(
    String type,
    String warehouse,
    String uri,
    Map<String, String> properties,
    String catalogSecret,
    String storageSecret)
    implements Serializable {

  /** Type name of the local warehouse-directory catalog. */
  public static final String LOCAL = "local";

  /** Type name of an S3 warehouse with the embedded (JDBC) catalog. */
  public static final String S3 = "s3";

  /** Type name of an Iceberg REST catalog. */
  public static final String REST = "rest";

  /** Type name of the AWS Glue Data Catalog. */
  public static final String GLUE = "glue";

  /** Type name of a JDBC catalog. */
  public static final String JDBC = "jdbc";

  /** Validates the type and freezes the properties (null means none). */
  public DestinationConfig {
    Objects.requireNonNull(type, "type");
    properties =
        properties == null || properties.isEmpty()
            ? Map.of()
            : Collections.unmodifiableMap(new LinkedHashMap<>(properties));
  }

  /** A destination without URI or secrets. */
  public DestinationConfig(String type, String warehouse, Map<String, String> properties) {
    this(type, warehouse, null, properties, null, null);
  }

  /** A {@code local} destination on the given warehouse directory, without extra properties. */
  public static DestinationConfig local(String warehouse) {
    return new DestinationConfig(LOCAL, warehouse, Map.of());
  }

  /** The catalog-credentials secret name, if any. */
  public Optional<String> catalogSecretName() {
    return Optional.ofNullable(catalogSecret);
  }

  /** The storage-credentials secret name, if any. */
  public Optional<String> storageSecretName() {
    return Optional.ofNullable(storageSecret);
  }

  @Override
  public String toString() {
    return "DestinationConfig[type=" + type + ", warehouse=" + warehouse + ", uri=" + uri
        + ", properties=" + properties.keySet() + ", catalogSecret=" + catalogSecret
        + ", storageSecret=" + storageSecret + "]";
  }
}
