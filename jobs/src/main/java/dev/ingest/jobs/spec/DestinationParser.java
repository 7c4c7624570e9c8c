package dev.ingest.jobs.spec;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ingest.sinks.catalog.Catalogs;
import dev.ingest.sinks.catalog.DestinationConfig;
import dev.ingest.sources.spec.SpecReader;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a pipeline's {@code destination} block (see docs/destinations.md) into a {@link DestinationConfig}:
 *
 * <pre>
 * destination:
 *   type: s3                     # local (default) | s3 | rest | glue | jdbc
 *   warehouse: s3://lake/ingest
 *   uri: https://catalog.example.com/api/catalog    # rest: base URI; jdbc: JDBC URL; s3: optional JDBC URL
 *   credentials: { secret: catalog-client }         # rest: client_id + client_secret (or token); jdbc: user + password
 *   s3:
 *     endpoint: http://127.0.0.1:9000                # S3-compatible stores
 *     path_style_access: true
 *     chunked_encoding: false                       # default false with an endpoint (plain uploads), else true
 *     checksums: when_required                      # when_required (default with an endpoint) | when_supported
 *     region: eu-west-1
 *     credentials: { secret: lake-keys }            # access_key_id + secret_access_key; default: AWS chain
 *   glue:                                           # type glue only
 *     endpoint: https://vpce-….glue.eu-west-1.vpce.amazonaws.com   # default: the region's Glue endpoint
 *     catalog_id: "123456789012"                    # default: the caller's account
 *   properties: { ... }                             # other Iceberg catalog properties; never credentials
 * </pre>
 */
final class DestinationParser {
  private static final Set<String> KEYS = Set.of("type", "warehouse", "uri", "credentials", "s3", "glue",
      "properties");
  private static final Set<String> S3_KEYS = Set.of("endpoint", "region", "path_style_access", "credentials",
      "chunked_encoding", "checksums");
  private static final Set<String> CHECKSUM_MODES = Set.of("when_required", "when_supported");
  private static final Set<String> GLUE_KEYS = Set.of("endpoint", "catalog_id");
  private static final Pattern CREDENTIAL_KEY =
      Pattern.compile(".*(secret|password|credential|token|access-key|session|private).*");

  private final SpecDefaults defaults;
  private final SpecReader r;

  /** A parser whose {@code local} and {@code s3} destinations fall back to the {@code defaults}. */
  DestinationParser(SpecDefaults defaults, SpecReader r) {
    this.defaults = defaults;
    this.r = r;
  }

  DestinationConfig parse(JsonNode root) {
    Optional<JsonNode> node = r.optionalObject(root, "", "destination");
    if (node.isEmpty()) {
      return DestinationConfig.local(defaults.warehouse().toString());
    }
    JsonNode d = node.get();
    r.onlyKeys(d, "destination", KEYS);
    String type = r.optionalString(d, "destination", "type").orElse(DestinationConfig.LOCAL);
    String warehouse = r.optionalString(d, "destination", "warehouse").orElse(null);
    String uri = r.optionalString(d, "destination", "uri").orElse(null);
    Map<String, String> properties = new LinkedHashMap<>(r.stringMap(d, "destination", "properties"));
    for (String key : properties.keySet()) {
      if (CREDENTIAL_KEY.matcher(key.toLowerCase(Locale.ROOT)).matches()) {
        r.error("destination.properties." + key, "looks like a credential: store it in a secret and name the secret "
            + "in destination.credentials.secret or destination.s3.credentials.secret");
      }
    }
    String catalogSecret = secretName(d, "destination");
    String storageSecret = s3(d, properties);
    glue(d, type, properties);
    if (!Catalogs.SUPPORTED_TYPES.contains(type)) {
      r.error("destination.type", "unknown destination type '" + type + "' (expected one of "
          + Catalogs.SUPPORTED_TYPES + ")");
      return new DestinationConfig(type, warehouse, uri, properties, catalogSecret, storageSecret);
    }
    switch (type) {
      case DestinationConfig.LOCAL -> warehouse = localWarehouse(warehouse);
      case DestinationConfig.S3 -> {
        requireS3(warehouse);
        if (uri == null) {
          uri = "jdbc:sqlite:" + defaults.catalogDatabase().toAbsolutePath();
        }
      }
      case DestinationConfig.GLUE -> {
        requireS3(warehouse);
        if (catalogSecret != null && storageSecret != null) {
          r.error("destination.s3.credentials", "a glue destination signs Glue and S3 requests with one AWS "
              + "identity: name its secret once, in destination.credentials");
        }
      }
      case DestinationConfig.JDBC -> {
        require(uri, "destination.uri", "a JDBC URL such as jdbc:postgresql://host/db");
        require(warehouse, "destination.warehouse", "where data files go, e.g. s3://bucket/prefix");
      }
      default -> require(uri, "destination.uri", "the REST catalog's base URI");
    }
    return new DestinationConfig(type, warehouse, uri, properties, catalogSecret, storageSecret);
  }

  /** Reads {@code destination.glue} into GlueCatalog properties ({@code glue.endpoint}, {@code glue.id}). */
  private void glue(JsonNode d, String type, Map<String, String> properties) {
    Optional<JsonNode> node = r.optionalObject(d, "destination", "glue");
    if (node.isEmpty()) {
      return;
    }
    if (!DestinationConfig.GLUE.equals(type)) {
      r.error("destination.glue", "only for destination type glue, not " + type);
      return;
    }
    r.onlyKeys(node.get(), "destination.glue", GLUE_KEYS);
    r.optionalString(node.get(), "destination.glue", "endpoint").ifPresent(v -> properties.put("glue.endpoint", v));
    r.optionalString(node.get(), "destination.glue", "catalog_id").ifPresent(v -> properties.put("glue.id", v));
  }

  /** Reads {@code destination.s3} into S3FileIO properties; returns its secret name, if any. */
  private String s3(JsonNode d, Map<String, String> properties) {
    Optional<JsonNode> node = r.optionalObject(d, "destination", "s3");
    if (node.isEmpty()) {
      return null;
    }
    JsonNode s3 = node.get();
    r.onlyKeys(s3, "destination.s3", S3_KEYS);
    r.optionalString(s3, "destination.s3", "endpoint").ifPresent(v -> properties.put("s3.endpoint", v));
    r.optionalString(s3, "destination.s3", "region").ifPresent(v -> properties.put("client.region", v));
    bool(s3, "path_style_access", "s3.path-style-access", properties);
    bool(s3, "chunked_encoding", "s3.chunked-encoding-enabled", properties);
    r.optionalString(s3, "destination.s3", "checksums").ifPresent(v -> {
      if (CHECKSUM_MODES.contains(v)) {
        properties.put("ingest.s3.request-checksum-calculation", v);
        properties.put("ingest.s3.response-checksum-validation", v);
      } else {
        r.error("destination.s3.checksums", "expected when_required or when_supported, got '" + v + "'");
      }
    });
    return secretName(s3, "destination.s3");
  }

  private void bool(JsonNode s3, String key, String property, Map<String, String> properties) {
    JsonNode value = s3.get(key);
    if (value == null) {
      return;
    }
    if (value.isBoolean()) {
      properties.put(property, Boolean.toString(value.booleanValue()));
    } else {
      r.error("destination.s3." + key, "expected true or false, got " + SpecReader.describe(value));
    }
  }

  private String secretName(JsonNode parent, String path) {
    Optional<JsonNode> node = r.optionalObject(parent, path, "credentials");
    if (node.isEmpty()) {
      return null;
    }
    String field = path + ".credentials";
    r.onlyKeys(node.get(), field, Set.of("secret"));
    String name = r.requiredString(node.get(), field, "secret");
    if (name != null) {
      CredentialsParser.checkSecretName(r, name, field + ".secret");
    }
    return name;
  }

  private String localWarehouse(String warehouse) {
    if (warehouse == null) {
      return defaults.warehouse().toString();
    }
    if (warehouse.startsWith("~/")) {
      return Path.of(System.getProperty("user.home"), warehouse.substring(2)).toString();
    }
    return warehouse;
  }

  private void requireS3(String warehouse) {
    if (require(warehouse, "destination.warehouse", "an s3:// location such as s3://bucket/prefix")
        && !warehouse.startsWith("s3://")) {
      r.error("destination.warehouse", "expected an s3:// location, got '" + warehouse + "'");
    }
  }

  private boolean require(String value, String field, String what) {
    if (value == null || value.isBlank()) {
      r.error(field, "required (" + what + ")");
      return false;
    }
    return true;
  }
}
