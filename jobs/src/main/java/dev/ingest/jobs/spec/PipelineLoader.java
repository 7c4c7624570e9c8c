package dev.ingest.jobs.spec;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ingest.jobs.IngestHome;
import dev.ingest.jobs.NetworkSettings;
import dev.ingest.sinks.catalog.DestinationConfig;
import dev.ingest.sinks.write.Partitioning;
import dev.ingest.sinks.write.WriteMode;
import dev.ingest.sources.net.AddressPolicy;
import dev.ingest.sources.retry.RetryPolicy;
import dev.ingest.sources.schedule.CronSchedule;
import dev.ingest.sources.spec.ConnectorCatalog;
import dev.ingest.sources.spec.ConnectorLoader;
import dev.ingest.sources.spec.ConnectorSpec;
import dev.ingest.sources.spec.FieldError;
import dev.ingest.sources.spec.SafeYaml;
import dev.ingest.sources.spec.SpecException;
import dev.ingest.sources.spec.SpecReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Loads and validates pipeline definitions (YAML, see {@code docs/pipelines.md}). Every problem is reported with
 * its field path in one {@link SpecException}; a definition that loads is deployable.
 */
public final class PipelineLoader {
  static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,62}");
  private static final Set<String> TOP_LEVEL = Set.of(
      "name", "description", "connector", "connector_file", "config", "credentials", "endpoints", "destination",
      "schedule", "write_mode", "runtime", "maintenance");
  private static final Set<String> ENDPOINT_KEYS = Set.of("name", "write_mode", "primary_key", "partition_by");
  private static final Set<String> RUNTIME_KEYS = Set.of("parallelism", "checkpoint_interval", "retry",
      "request_timeout");
  private static final Set<String> RETRY_KEYS = Set.of("max_attempts", "base_delay", "max_delay", "total_budget");
  private static final Set<String> MAINTENANCE_KEYS = Set.of("snapshot_retention", "retain_last", "target_file_size_mb");
  private static final Pattern PARTITION_BY = Pattern.compile("([a-z]+)\\(\\s*([^()\\s]+)\\s*\\)");
  private static final int MAX_ENDPOINTS = 500;

  private final IngestHome home;
  private final ConnectorCatalog catalog;
  private final AddressPolicy addresses;

  /**
   * A loader whose connectors may call only the hosts {@code addresses} allows (the server-side request forgery
   * guard: see {@link AddressPolicy}).
   */
  public PipelineLoader(IngestHome home, ConnectorCatalog catalog, AddressPolicy addresses) {
    this.home = home;
    this.catalog = catalog;
    this.addresses = addresses;
  }

  /** A loader with the installation's network settings ({@link NetworkSettings}: public hosts only by default). */
  public PipelineLoader(IngestHome home, ConnectorCatalog catalog) {
    this(home, catalog, NetworkSettings.policy(home));
  }

  public PipelineLoader(IngestHome home) {
    this(home, ConnectorCatalog.builtIn());
  }

  /** Loads a pipeline file; a relative {@code connector_file} resolves against the file's folder. */
  public PipelineSpec load(Path file) throws SpecException {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new SpecException(file.toString(), "", "file not found");
    } catch (IOException e) {
      throw new SpecException(file.toString(), "", "cannot read: " + e.getMessage());
    }
    Path base = file.toAbsolutePath().getParent();
    return parse(file.toString(), bytes, base);
  }

  /** Parses a pipeline from YAML bytes; {@code baseDir} resolves a relative {@code connector_file}. */
  public PipelineSpec parse(String source, byte[] yaml, Path baseDir) throws SpecException {
    JsonNode root = SafeYaml.parse(source, yaml);
    if (!root.isObject()) {
      throw new SpecException(source, "", "a pipeline definition must be a YAML mapping (name: …, connector: …), got "
          + SpecReader.describe(root));
    }
    SpecReader r = new SpecReader(source);
    r.onlyKeys(root, "", TOP_LEVEL);

    String name = r.requiredString(root, "", "name");
    r.matches(name, NAME, "name", "must match [a-z][a-z0-9_]* (at most 63 characters): it names the Iceberg namespace");

    ConnectorSpec connector = authMethod(root, r, resolveConnector(root, r, baseDir));
    int errorsBefore = r.errors().size();
    Map<String, String> config = config(root, r, connector, root.has("connector_file"));
    if (connector != null && r.errors().size() == errorsBefore) {
      new BaseUrlCheck(addresses).check(connector, config, root.has("connector_file"), r);
    }
    Optional<String> secret = credentials(root, r, connector);
    WriteMode defaultMode = writeMode(root, r, "");
    List<EndpointSelection> endpoints = endpoints(root, r, connector, defaultMode == null ? WriteMode.APPEND : defaultMode);
    DestinationConfig destination = new DestinationReader(home, r).read(root);
    String schedule = schedule(root, r);
    RuntimeOptions runtime = runtime(root, r);
    MaintenanceOptions maintenance = maintenance(root, r);

    r.throwIfErrors();
    return new PipelineSpec(name, connector, config, secret, endpoints, destination, schedule, runtime, maintenance,
        addresses);
  }

  private ConnectorSpec resolveConnector(JsonNode root, SpecReader r, Path baseDir) {
    Optional<String> builtIn = r.optionalString(root, "", "connector");
    Optional<String> file = r.optionalString(root, "", "connector_file");
    if (builtIn.isPresent() && file.isPresent()) {
      r.error("connector", "give either connector or connector_file, not both");
      return null;
    }
    if (builtIn.isEmpty() && file.isEmpty()) {
      r.error("connector", "required (a built-in connector name, or connector_file with your own definition)");
      return null;
    }
    try {
      if (builtIn.isPresent()) {
        return catalog.get(builtIn.get());
      }
      Path path = baseDir == null ? Path.of(file.get()) : baseDir.resolve(file.get());
      return ConnectorLoader.load(path);
    } catch (SpecException e) {
      String field = builtIn.isPresent() ? "connector" : "connector_file";
      for (FieldError error : e.errors()) {
        boolean own = error.path().isEmpty() || builtIn.isPresent();
        r.error(own ? field : field + "." + error.path(), error.message());
      }
      return null;
    }
  }

  private Map<String, String> config(JsonNode root, SpecReader r, ConnectorSpec connector, boolean fromFile) {
    Map<String, String> given = r.stringMap(root, "", "config");
    if (connector == null) {
      return given;
    }
    try {
      return connector.resolveConfig(given);
    } catch (SpecException e) {
      // a bad base URL is reported where its value came from (config.base_url), not the connector's field name
      e.errors().forEach(error -> r.error(error.path().equals("base_url")
          ? BaseUrlCheck.field(connector, fromFile) : error.path(), error.message()));
      return given;
    }
  }

  /**
   * The connector with the auth method {@code credentials.auth_method} names selected; the connector's first method
   * when it names none.
   */
  private static ConnectorSpec authMethod(JsonNode root, SpecReader r, ConnectorSpec connector) {
    JsonNode credentials = root.get("credentials");
    if (credentials == null || !credentials.isObject() || !credentials.has("auth_method")) {
      return connector;
    }
    Optional<String> method = r.optionalString(credentials, "credentials", "auth_method");
    if (method.isEmpty() || connector == null) {
      return connector;
    }
    Optional<ConnectorSpec> selected = connector.withAuthMethod(method.get());
    if (selected.isEmpty()) {
      r.error("credentials.auth_method", "unknown auth method '" + method.get() + "' of connector "
          + connector.name() + " (expected one of " + String.join(", ", connector.authMethods().keySet()) + ")");
      return connector;
    }
    return selected.get();
  }

  private Optional<String> credentials(JsonNode root, SpecReader r, ConnectorSpec connector) {
    Optional<JsonNode> node = r.optionalObject(root, "", "credentials");
    node.ifPresent(n -> r.onlyKeys(n, "credentials", Set.of("secret", "auth_method")));
    Optional<String> secret = node.flatMap(n -> r.optionalString(n, "credentials", "secret"));
    secret.ifPresent(s -> r.matches(s, Pattern.compile("[A-Za-z0-9_./+=@-]{1,256}"), "credentials.secret",
        "must be a secret name ([A-Za-z0-9_./+=@-], at most 256 characters), not a credential value"));
    if (connector != null && connector.needsSecret() && secret.isEmpty()) {
      r.error("credentials.secret", "required: connector " + connector.name()
          + " authenticates; name the secret that holds its credential");
    }
    return secret;
  }

  private WriteMode writeMode(JsonNode node, SpecReader r, String path) {
    Optional<String> text = r.optionalString(node, path, "write_mode");
    if (text.isEmpty()) {
      return null;
    }
    Optional<WriteMode> mode = WriteMode.parse(text.get());
    if (mode.isEmpty()) {
      r.error(SpecReader.path(path, "write_mode"),
          "unknown write mode '" + text.get() + "' (expected one of " + WriteMode.expected() + ")");
      return null;
    }
    return mode.get();
  }

  private List<EndpointSelection> endpoints(JsonNode root, SpecReader r, ConnectorSpec connector, WriteMode defaultMode) {
    JsonNode list = root.get("endpoints");
    List<EndpointSelection> out = new ArrayList<>();
    if (list == null || list.isNull()) {
      r.error("endpoints", "required: tick at least one endpoint"
          + (connector == null ? "" : " of " + connector.endpoints().keySet()));
      return out;
    }
    if (!list.isArray()) {
      r.error("endpoints", "expected a list, got " + SpecReader.describe(list));
      return out;
    }
    if (list.isEmpty()) {
      r.error("endpoints", "tick at least one endpoint");
    }
    if (list.size() > MAX_ENDPOINTS) {
      r.error("endpoints", "at most " + MAX_ENDPOINTS + " endpoints per pipeline, got " + list.size());
      return out;
    }
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < list.size(); i++) {
      JsonNode item = list.get(i);
      String path = "endpoints[" + i + "]";
      String name;
      WriteMode mode = defaultMode;
      List<String> key = null;
      Partitioning partitioning = null;
      if (item.isTextual()) {
        name = item.textValue();
      } else if (item.isObject()) {
        r.onlyKeys(item, path, ENDPOINT_KEYS);
        name = r.requiredString(item, path, "name");
        WriteMode own = writeMode(item, r, path);
        if (own != null) {
          mode = own;
        }
        key = primaryKey(item, r, path);
        partitioning = partitionBy(item, r, path);
      } else {
        r.error(path, "expected an endpoint name or a mapping with name, got " + SpecReader.describe(item));
        continue;
      }
      if (name == null) {
        continue;
      }
      if (connector != null && !connector.endpoints().containsKey(name)) {
        r.error(path, "unknown endpoint '" + name + "' of connector " + connector.name()
            + " (expected one of " + connector.endpoints().keySet() + ")");
        continue;
      }
      if (!seen.add(name)) {
        r.error(path, "endpoint '" + name + "' is listed twice");
        continue;
      }
      EndpointSelection selection = selection(r, path, connector, name, mode, key, partitioning);
      if (selection != null) {
        out.add(selection);
      }
    }
    return out;
  }

  /** Checks the write mode against the key and partitioning; null (with errors recorded) when they conflict. */
  private static EndpointSelection selection(SpecReader r, String path, ConnectorSpec connector, String name,
      WriteMode mode, List<String> ownKey, Partitioning partitioning) {
    List<String> declared = connector == null ? List.of() : connector.endpoints().get(name).primaryKey();
    List<String> key = ownKey != null ? ownKey : declared;
    if (mode != WriteMode.UPSERT) {
      if (ownKey != null) {
        r.error(SpecReader.path(path, "primary_key"), "only used with write_mode upsert (this endpoint is "
            + mode.yamlName() + ")");
        return null;
      }
      return new EndpointSelection(name, mode, List.of(), partitioning);
    }
    if (key.isEmpty()) {
      r.error(SpecReader.path(path, "primary_key"), "required for write_mode upsert: connector "
          + (connector == null ? "" : connector.name() + " ") + "declares no primary key for endpoint " + name);
      return null;
    }
    if (partitioning != null && partitioning.sourceColumn().filter(c -> !key.contains(c)).isPresent()) {
      r.error(SpecReader.path(path, "partition_by"), "an upsert table can only be partitioned by a primary-key "
          + "column " + key + " (an equality delete reaches only its own partition), got " + partitioning);
      return null;
    }
    return new EndpointSelection(name, mode, key, partitioning);
  }

  private static List<String> primaryKey(JsonNode item, SpecReader r, String path) {
    JsonNode node = item.get("primary_key");
    String field = SpecReader.path(path, "primary_key");
    if (node == null || node.isNull()) {
      return null;
    }
    List<String> key = new ArrayList<>();
    if (node.isTextual()) {
      key.add(node.textValue());
    } else if (node.isArray() && !node.isEmpty()) {
      for (JsonNode column : node) {
        if (!column.isTextual() || column.textValue().isBlank()) {
          r.error(field, "expected column names, got " + SpecReader.describe(column));
          return null;
        }
        key.add(column.textValue());
      }
    } else {
      r.error(field, "expected a column name or a non-empty list of column names, got " + SpecReader.describe(node));
      return null;
    }
    if (key.stream().distinct().count() != key.size()) {
      r.error(field, "lists a column twice: " + key);
      return null;
    }
    return key;
  }

  /** {@code none}, or {@code transform(column)} with a transform of {@link Partitioning#TRANSFORMS}. */
  private static Partitioning partitionBy(JsonNode item, SpecReader r, String path) {
    Optional<String> text = r.optionalString(item, path, "partition_by");
    if (text.isEmpty()) {
      return null;
    }
    if (text.get().equals("none")) {
      return Partitioning.NONE;
    }
    var m = PARTITION_BY.matcher(text.get().trim());
    if (!m.matches() || !Partitioning.TRANSFORMS.contains(m.group(1))) {
      r.error(SpecReader.path(path, "partition_by"), "expected none or TRANSFORM(column) with TRANSFORM one of "
          + Partitioning.TRANSFORMS + ", e.g. day(updated_at); got '" + text.get() + "'");
      return null;
    }
    return Partitioning.of(m.group(2), m.group(1));
  }

  private MaintenanceOptions maintenance(JsonNode root, SpecReader r) {
    Optional<JsonNode> node = r.optionalObject(root, "", "maintenance");
    if (node.isEmpty()) {
      return MaintenanceOptions.DEFAULTS;
    }
    r.onlyKeys(node.get(), "maintenance", MAINTENANCE_KEYS);
    MaintenanceOptions d = MaintenanceOptions.DEFAULTS;
    Duration retention = d.snapshotRetention();
    Optional<String> text = r.optionalString(node.get(), "maintenance", "snapshot_retention");
    if (text.isPresent()) {
      Optional<Duration> parsed = parseDuration(text.get());
      if (parsed.isEmpty() || parsed.get().isNegative()) {
        r.error("maintenance.snapshot_retention", "expected a duration such as 30m, 12h, P7D; got '" + text.get() + "'");
      } else {
        retention = parsed.get();
      }
    }
    int retainLast = r.optionalInt(node.get(), "maintenance", "retain_last", 1, 10_000).orElse(d.retainLast());
    long target = r.optionalInt(node.get(), "maintenance", "target_file_size_mb", 1, 8_192)
        .map(mb -> (long) mb << 20).orElse(d.targetFileSizeBytes());
    return new MaintenanceOptions(retention, retainLast, target);
  }

  private String schedule(JsonNode root, SpecReader r) {
    String schedule = r.requiredString(root, "", "schedule");
    if (schedule != null) {
      try {
        CronSchedule.parse(schedule);
      } catch (IllegalArgumentException e) {
        r.error("schedule", e.getMessage()); // "invalid cron expression '...': why"
      }
    }
    return schedule;
  }

  private RuntimeOptions runtime(JsonNode root, SpecReader r) {
    Optional<JsonNode> node = r.optionalObject(root, "", "runtime");
    if (node.isEmpty()) {
      return RuntimeOptions.DEFAULTS;
    }
    RuntimeOptions d = RuntimeOptions.DEFAULTS;
    r.onlyKeys(node.get(), "runtime", RUNTIME_KEYS);
    int parallelism = r.optionalInt(node.get(), "runtime", "parallelism", 1, 256).orElse(d.parallelism());
    Duration interval = duration(node.get(), r, "runtime", "checkpoint_interval", "100ms", "24h")
        .orElse(d.checkpointInterval());
    RetryPolicy retry = retry(node.get(), r, d.retry());
    Duration timeout = duration(node.get(), r, "runtime", "request_timeout", "1s", "1h").orElse(d.requestTimeout());
    return new RuntimeOptions(parallelism, interval, retry, timeout);
  }

  /** {@code runtime.retry}: the knobs of {@link RetryPolicy}, each defaulting to the runtime's default. */
  private static RetryPolicy retry(JsonNode runtime, SpecReader r, RetryPolicy defaults) {
    Optional<JsonNode> node = r.optionalObject(runtime, "runtime", "retry");
    if (node.isEmpty()) {
      return defaults;
    }
    String path = "runtime.retry";
    r.onlyKeys(node.get(), path, RETRY_KEYS);
    int attempts = r.optionalInt(node.get(), path, "max_attempts", 1, 50).orElse(defaults.maxAttempts());
    Duration base = duration(node.get(), r, path, "base_delay", "1ms", "10m").orElse(defaults.baseDelay());
    Duration max = duration(node.get(), r, path, "max_delay", "1ms", "1h").orElse(defaults.maxDelay());
    Duration budget = duration(node.get(), r, path, "total_budget", "1s", "24h").orElse(defaults.totalBudget());
    if (max.compareTo(base) < 0) {
      r.error(path + ".max_delay", "must not be shorter than base_delay (" + base.toMillis() + "ms), got "
          + max.toMillis() + "ms");
    }
    return defaults.withMaxAttempts(attempts).withBaseDelay(base).withMaxDelay(max).withTotalBudget(budget);
  }

  /**
   * An optional duration field between {@code min} and {@code max} (both inclusive, written like the values);
   * empty, with an error recorded, when it is malformed or out of range.
   */
  private static Optional<Duration> duration(JsonNode node, SpecReader r, String path, String field, String min,
      String max) {
    Optional<String> text = r.optionalString(node, path, field);
    if (text.isEmpty()) {
      return Optional.empty();
    }
    Optional<Duration> parsed = parseDuration(text.get());
    if (parsed.isEmpty() || parsed.get().compareTo(parseDuration(min).orElseThrow()) < 0
        || parsed.get().compareTo(parseDuration(max).orElseThrow()) > 0) {
      r.error(SpecReader.path(path, field), "expected a duration between " + min + " and " + max
          + " such as 500ms, 10s, 5m; got '" + text.get() + "'");
      return Optional.empty();
    }
    return parsed;
  }

  /** Parses {@code 500ms}, {@code 10s}, {@code 5m}, {@code 1h} or an ISO-8601 duration. */
  static Optional<Duration> parseDuration(String text) {
    var m = Pattern.compile("(\\d{1,9})\\s*(ms|s|m|h|d)").matcher(text.trim());
    if (m.matches()) {
      long n = Long.parseLong(m.group(1));
      return Optional.of(switch (m.group(2)) {
        case "ms" -> Duration.ofMillis(n);
        case "s" -> Duration.ofSeconds(n);
        case "m" -> Duration.ofMinutes(n);
        case "h" -> Duration.ofHours(n);
        default -> Duration.ofDays(n);
      });
    }
    try {
      return Optional.of(Duration.parse(text.trim()));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
