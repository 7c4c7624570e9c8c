package dev.ingest.sinks.catalog;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.iceberg.CatalogProperties;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.flink.CatalogLoader;
import org.apache.iceberg.hadoop.HadoopFileIO;
import org.apache.iceberg.io.FileIO;

/**
 * Turns a {@link DestinationConfig} into Iceberg catalogs: a serializable {@link CatalogLoader} for Flink
 * operators, or an open {@link Catalog} for the client side (table creation before the job graph is built).
 *
 * <ul>
 *   <li>{@code local}: Iceberg's {@code HadoopCatalog} on the warehouse directory;
 *   <li>{@code s3}: Iceberg's {@code JdbcCatalog} (by default a SQLite file the pipeline loader places in the Ingest
 *       home) with {@code S3FileIO} on the {@code s3://} warehouse;
 *   <li>{@code jdbc}: {@code JdbcCatalog} on {@code uri}; S3FileIO when the warehouse is {@code s3://};
 *   <li>{@code rest}: {@code RESTCatalog} on {@code uri}, OAuth2 client credentials or a bearer token from the
 *       catalog secret;
 *   <li>{@code glue}: {@code GlueCatalog} with S3FileIO; Glue and S3 sign with the keys of the catalog secret (or
 *       the storage secret; one AWS identity), else the AWS default chain; {@code glue.endpoint} overrides the
 *       Glue endpoint (VPC endpoints, tests).
 * </ul>
 *
 * Every catalog is opened under {@link #catalogName} (one identity per destination, for the job and every command).
 * With a custom {@code s3.endpoint} (an S3-compatible store) S3FileIO uploads without {@code aws-chunked} encoding
 * and computes checksums only when required ({@link #s3CompatibleDefaults}); both are overridable.
 * S3 keys come from the storage secret when one is named, otherwise from the AWS default credential chain.
 * Secrets are read only when a catalog is opened ({@link SecretResolvingCatalogLoader}).
 */
public final class Catalogs {

  /**
   * The name every catalog is opened under ({@link #catalogName}). A JDBC catalog keeps its tables per catalog
   * name, so the job and every command must use this one; tables registered by earlier versions under the
   * pipeline's name are moved over by {@link LegacyCatalogTables}.
   */
  public static final String DEFAULT_CATALOG_NAME = "ingest";

  /** Destination types that {@link #loader} can build. */
  public static final List<String> SUPPORTED_TYPES = List.of(
      DestinationConfig.LOCAL, DestinationConfig.S3, DestinationConfig.REST, DestinationConfig.GLUE,
      DestinationConfig.JDBC);

  static final String JDBC_CATALOG = "org.apache.iceberg.jdbc.JdbcCatalog";
  static final String REST_CATALOG = "org.apache.iceberg.rest.RESTCatalog";
  static final String GLUE_CATALOG = "org.apache.iceberg.aws.glue.GlueCatalog";
  static final String S3_FILE_IO = "org.apache.iceberg.aws.s3.S3FileIO";
  /** Iceberg's {@code S3FileIOProperties.ENDPOINT}. */
  static final String S3_ENDPOINT = "s3.endpoint";
  /** Iceberg's {@code S3FileIOProperties.CHUNKED_ENCODING_ENABLED}. */
  static final String CHUNKED_ENCODING = "s3.chunked-encoding-enabled";
  /** Iceberg's {@code S3FileIOProperties.CLIENT_FACTORY}. */
  static final String S3_CLIENT_FACTORY = "s3.client-factory-impl";
  /** Iceberg's {@code AwsClientProperties.CLIENT_CREDENTIALS_PROVIDER}. */
  static final String CLIENT_CREDENTIALS_PROVIDER = "client.credentials-provider";

  private Catalogs() {}

  /**
   * The catalog's identity for a destination: the one name the job, the run summary and every command open it
   * under. It depends on the destination only, never on the pipeline, so two processes that open the same
   * destination always see the same tables (a JDBC catalog filters its tables by this name).
   */
  public static String catalogName(DestinationConfig d) {
    return DEFAULT_CATALOG_NAME;
  }

  /** {@link #loader(DestinationConfig, CatalogSecrets)} for destinations that name no secret. */
  public static CatalogLoader loader(DestinationConfig d) {
    return loader(d, CatalogSecrets.none());
  }

  /**
   * A serializable loader for the destination's catalog, named {@link #catalogName(DestinationConfig)}.
   *
   * @param secrets reads the secrets the destination names, where the catalog is opened
   * @throws IllegalArgumentException when the type is unknown or a required setting is missing (the message
   *     names the {@code destination.*} field)
   */
  public static CatalogLoader loader(DestinationConfig d, CatalogSecrets secrets) {
    return loader(catalogName(d), d, secrets);
  }

  /** The loader under an explicit catalog name: only for reading what older versions registered. */
  static CatalogLoader loader(String catalogName, DestinationConfig d, CatalogSecrets secrets) {
    if (catalogName == null || catalogName.isBlank()) {
      throw new IllegalArgumentException("catalog name must not be blank");
    }
    String type = d.type();
    if (DestinationConfig.LOCAL.equals(type)) {
      return CatalogLoader.hadoop(catalogName, new Configuration(), localProperties(d));
    }
    Map<String, String> props = new HashMap<>(d.properties());
    List<SecretField> secretFields = new ArrayList<>();
    String impl;
    switch (type) {
      case DestinationConfig.S3, DestinationConfig.JDBC -> {
        impl = JDBC_CATALOG;
        props.put(CatalogProperties.URI, required(d.uri(), "destination.uri", type + " needs a JDBC URL"));
        props.put(CatalogProperties.WAREHOUSE_LOCATION, required(d.warehouse(), "destination.warehouse",
            type.equals(DestinationConfig.S3) ? "an s3:// location" : "a warehouse location"));
        props.putIfAbsent("jdbc.schema-version", "V1");
        d.catalogSecretName().ifPresent(s -> {
          secretFields.add(new SecretField(s, "user", "jdbc.user", false));
          secretFields.add(new SecretField(s, "password", "jdbc.password", false));
        });
      }
      case DestinationConfig.REST -> {
        impl = REST_CATALOG;
        props.put(CatalogProperties.URI, required(d.uri(), "destination.uri", "the REST catalog's base URI"));
        if (d.warehouse() != null) {
          props.put(CatalogProperties.WAREHOUSE_LOCATION, d.warehouse());
        }
        d.catalogSecretName().ifPresent(s -> {
          secretFields.add(new SecretField(s, "client_id", "credential", false));
          secretFields.add(new SecretField(s, "client_secret", "credential", false));
          secretFields.add(new SecretField(s, "token", "token", false));
        });
      }
      case DestinationConfig.GLUE -> {
        impl = GLUE_CATALOG;
        props.put(CatalogProperties.WAREHOUSE_LOCATION,
            required(d.warehouse(), "destination.warehouse", "an s3:// location"));
        d.catalogSecretName().or(d::storageSecretName).ifPresent(s -> glueCredentials(s, props, secretFields));
      }
      default -> throw new IllegalArgumentException(
          "destination.type: unknown destination type '" + type + "' (expected one of " + SUPPORTED_TYPES + ")");
    }
    if (usesS3(type, d.warehouse())) {
      props.putIfAbsent(CatalogProperties.FILE_IO_IMPL, S3_FILE_IO);
      if (props.containsKey(S3_ENDPOINT)) {
        s3CompatibleDefaults(props);
      }
      d.storageSecretName().filter(s -> !type.equals(DestinationConfig.GLUE)).ifPresent(s -> {
        secretFields.add(new SecretField(s, "access_key_id", "s3.access-key-id", true));
        secretFields.add(new SecretField(s, "secret_access_key", "s3.secret-access-key", true));
        secretFields.add(new SecretField(s, "session_token", "s3.session-token", false));
      });
    }
    return new SecretResolvingCatalogLoader(catalogName, impl, props, secretFields, secrets);
  }

  /**
   * Glue and S3 sign with the keys of {@code secret} (the catalog secret, else the storage secret) instead of the
   * AWS default chain: one AWS identity, because Iceberg's {@code client.credentials-provider} applies to every AWS
   * client it builds and wins over {@code s3.access-key-id}. {@link SecretAwsCredentials} reads the keys from
   * properties filled only when the catalog opens.
   */
  private static void glueCredentials(String secret, Map<String, String> props, List<SecretField> secretFields) {
    String prefix = CLIENT_CREDENTIALS_PROVIDER + ".";
    props.put(CLIENT_CREDENTIALS_PROVIDER, SecretAwsCredentials.class.getName());
    secretFields.add(new SecretField(secret, "access_key_id", prefix + SecretAwsCredentials.ACCESS_KEY_ID, true));
    secretFields.add(new SecretField(secret, "secret_access_key", prefix + SecretAwsCredentials.SECRET_ACCESS_KEY,
        true));
    secretFields.add(new SecretField(secret, "session_token", prefix + SecretAwsCredentials.SESSION_TOKEN, false));
  }

  /** Opens the destination's catalog on this JVM; close it when done (most catalogs are {@code Closeable}). */
  public static Catalog open(DestinationConfig d) {
    return loader(d).loadCatalog();
  }

  /** Opens the destination's catalog on this JVM, reading its secrets through {@code secrets}. */
  public static Catalog open(DestinationConfig d, CatalogSecrets secrets) {
    return loader(d, secrets).loadCatalog();
  }

  /**
   * The FileIO the destination's catalog writes data and metadata files with (S3FileIO with the storage secret's
   * keys, HadoopFileIO for a local warehouse), built as the catalog builds it; close it when done.
   */
  static FileIO fileIo(DestinationConfig d, CatalogSecrets secrets) {
    if (DestinationConfig.LOCAL.equals(d.type())) {
      return new HadoopFileIO(new Configuration());
    }
    return ((SecretResolvingCatalogLoader) loader(d, secrets)).loadFileIo();
  }

  /** Closes a catalog this JVM opened only to read or probe; a failure to close is not worth reporting. */
  static void closeQuietly(Catalog catalog) {
    if (catalog instanceof java.io.Closeable c) {
      try {
        c.close();
      } catch (java.io.IOException e) {
        // nothing left to do with it
      }
    }
  }

  /** Whether the destination's catalog is Iceberg's JDBC catalog ({@code s3} and {@code jdbc}). */
  static boolean isJdbc(DestinationConfig d) {
    return d.type().equals(DestinationConfig.S3) || d.type().equals(DestinationConfig.JDBC);
  }

  /**
   * Defaults for a custom {@code s3.endpoint} (an S3-compatible store, not AWS): plain uploads instead of
   * {@code aws-chunked} ones and checksums only where the operation requires them, because stores that do not
   * decode {@code aws-chunked} bodies keep the chunk signatures and the CRC trailer inside the object (corrupt
   * Iceberg metadata). Each is overridable through {@code destination.s3} or {@code destination.properties}.
   */
  static void s3CompatibleDefaults(Map<String, String> props) {
    props.putIfAbsent(CHUNKED_ENCODING, "false");
    props.putIfAbsent(S3ChecksumClientFactory.REQUEST_CHECKSUM, "when_required");
    props.putIfAbsent(S3ChecksumClientFactory.RESPONSE_CHECKSUM, "when_required");
    S3ChecksumClientFactory.mode(props, S3ChecksumClientFactory.REQUEST_CHECKSUM);
    S3ChecksumClientFactory.mode(props, S3ChecksumClientFactory.RESPONSE_CHECKSUM);
    props.putIfAbsent(S3_CLIENT_FACTORY, S3ChecksumClientFactory.class.getName());
  }

  private static boolean usesS3(String type, String warehouse) {
    return type.equals(DestinationConfig.S3)
        || type.equals(DestinationConfig.GLUE)
        || (warehouse != null && warehouse.toLowerCase(Locale.ROOT).startsWith("s3://"));
  }

  private static String required(String value, String field, String what) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(field + ": required (" + what + ")");
    }
    return value;
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
