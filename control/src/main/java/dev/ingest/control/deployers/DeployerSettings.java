package dev.ingest.control.deployers;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ingest.control.deploy.kubernetes.KubernetesSettings;
import dev.ingest.control.deploy.session.SessionClusterDeployer;
import dev.ingest.jobs.HomeConfig;
import dev.ingest.jobs.IngestHome;
import dev.ingest.sources.source.request.RunRequestSettings;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Which deployer the control plane uses and how it reaches its cluster: the {@code deployer:} section of
 * {@code $INGEST_HOME/config.yaml}, overridden key by key by {@code INGEST_DEPLOYER_<KEY>} environment variables
 * ({@code INGEST_DEPLOYER_TYPE=session}, {@code INGEST_DEPLOYER_REST_URL=…}). Without either: {@code local}.
 *
 * <pre>
 * deployer:
 *   type: local | session | kubernetes | local-runs
 *   web_port: 8081            # local: Flink REST API and web UI port (0 = any free port)
 *   slots: 4                  # local: task slots
 *   run_request_poll_ms: 2000 # local: how often deployed jobs poll the control API for run requests (>= 100)
 *   rest_url: http://flink-jobmanager:8081   # session (required)
 *   job_jar: /opt/ingest/ingest-job.jar      # session: the shaded job jar (default: the build's)
 *   savepoint_dir: s3://bucket/ingest/savepoints   # session (default: the cluster's)
 *   remote_home: /opt/ingest                 # session: $INGEST_HOME on the cluster
 *   control_url: http://ingest-control:8080  # session, kubernetes: the control API as jobs reach it (rate budgets)
 *   namespace: ingest         # kubernetes (required)
 *   mode: application | session
 *   image: registry/ingest-job:0.1.0         # kubernetes application mode (required)
 *   session_cluster: ingest-session          # kubernetes session mode (required)
 *   jar_uri: local:///opt/flink/usrlib/ingest-job.jar
 *   service_account: ingest-flink
 *   state_uri: s3://bucket/ingest            # kubernetes (required)
 *   flink_configuration: {s3.endpoint: …}    # kubernetes, file only
 *   environment: {INGEST_SECRETS_TYPE: aws}  # kubernetes job pods, file only; never secret values
 *   web_ui: https://flink.acme.internal/ingest/{name}   # kubernetes: the operator's ingress, for job links
 * </pre>
 *
 * Errors name the key ({@code deployer.rest_url: required for the session deployer}).
 */
public final class DeployerSettings {
  static final String ENV_PREFIX = "INGEST_DEPLOYER_";
  public static final String DEFAULT_JAR_URI = "local:///opt/flink/usrlib/ingest-job.jar";
  private static final String[] KEYS = {"type", "web_port", "slots", "rest_url", "job_jar", "savepoint_dir",
      "remote_home", "control_url", "timeout", "run_request_poll_ms", "namespace", "mode", "image", "session_cluster", "jar_uri", "service_account",
      "state_uri", "web_ui"};

  /** The deployers there are. */
  public enum Type {
    LOCAL("local"), SESSION("session"), KUBERNETES("kubernetes"), LOCAL_RUNS("local-runs");

    private final String key;

    Type(String key) {
      this.key = key;
    }

    public String key() {
      return key;
    }

    static Type of(String value) {
      for (Type t : values()) {
        if (t.key.equals(value)) {
          return t;
        }
      }
      throw new IllegalArgumentException("deployer.type: '" + value
          + "' is not one of local, session, kubernetes, local-runs");
    }
  }

  private final Type type;
  private final Map<String, String> values;
  private final Map<String, String> flinkConfiguration;
  private final Map<String, String> environment;

  private DeployerSettings(Type type, Map<String, String> values, Map<String, String> flinkConfiguration,
      Map<String, String> environment) {
    this.type = type;
    this.values = values;
    this.flinkConfiguration = flinkConfiguration;
    this.environment = environment;
  }

  /** The settings of {@code home} with this process's environment. */
  public static DeployerSettings load(IngestHome home) {
    return load(home.configFile(), System.getenv());
  }

  /** The settings in {@code configFile} (may not exist), overridden by {@code env}. */
  public static DeployerSettings load(Path configFile, Map<String, String> env) {
    JsonNode section = HomeConfig.sectionNode(configFile, "deployer");
    Map<String, String> values = new LinkedHashMap<>();
    Map<String, String> flinkConfiguration = new LinkedHashMap<>();
    Map<String, String> environment = new LinkedHashMap<>();
    if (section != null) {
      for (Iterator<Map.Entry<String, JsonNode>> it = section.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        switch (field.getKey()) {
          case "flink_configuration" -> flinkConfiguration.putAll(textMap(configFile, field));
          case "environment" -> environment.putAll(textMap(configFile, field));
          default -> values.put(field.getKey(), text(configFile, field));
        }
      }
    }
    for (String key : KEYS) {
      String value = env.get(ENV_PREFIX + key.toUpperCase(Locale.ROOT));
      if (value != null && !value.isBlank()) {
        values.put(key, value.strip());
      }
    }
    for (String key : values.keySet()) {
      if (!java.util.List.of(KEYS).contains(key)) {
        throw new IllegalArgumentException(configFile + ": deployer." + key + ": unknown setting (known: "
            + String.join(", ", KEYS) + ", flink_configuration, environment)");
      }
    }
    Type type = Type.of(values.getOrDefault("type", Type.LOCAL.key()));
    return new DeployerSettings(type, values, flinkConfiguration, environment);
  }

  public Type type() {
    return type;
  }

  /** Local: the Flink web UI port (default 8081; 0 = any free port). */
  public int webPort() {
    return integer("web_port", 8081);
  }

  /** Local: task slots (default 4). */
  public int slots() {
    return integer("slots", 4);
  }

  /** Local: how often deployed jobs poll the control API for run requests (default 2 s, at least 100 ms). */
  public Duration runRequestPoll() {
    int millis = integer("run_request_poll_ms", (int) RunRequestSettings.DEFAULT_POLL_INTERVAL.toMillis());
    if (millis < RunRequestSettings.MIN_POLL_INTERVAL.toMillis()) {
      throw new IllegalArgumentException("deployer.run_request_poll_ms: must be at least "
          + RunRequestSettings.MIN_POLL_INTERVAL.toMillis() + ", got " + millis);
    }
    return Duration.ofMillis(millis);
  }

  /** Session: how to reach the cluster and which jar to upload. */
  public SessionClusterDeployer.Settings session() {
    URI rest = URI.create(required("rest_url", "the session deployer"));
    if (rest.getScheme() == null || !rest.getScheme().startsWith("http")) {
      throw new IllegalArgumentException("deployer.rest_url: expected an http(s) URL, got '" + rest + "'");
    }
    String jar = Optional.ofNullable(values.get("job_jar")).orElse(System.getProperty(SessionClusterDeployer.JOB_JAR_PROPERTY));
    if (jar == null || jar.isBlank()) {
      throw new IllegalArgumentException("deployer.job_jar: required for the session deployer (the shaded job "
          + "jar, jobs/target/ingest-jobs-*-job.jar after mvn package)");
    }
    Path jobJar = Path.of(jar);
    if (!Files.isRegularFile(jobJar)) {
      throw new IllegalArgumentException("deployer.job_jar: no file " + jobJar + " (build it with mvn package)");
    }
    return new SessionClusterDeployer.Settings(rest, jobJar, values.get("savepoint_dir"), values.get("remote_home"),
        Duration.ofSeconds(integer("timeout", 120)), controlUrl());
  }

  /** Kubernetes: namespace, mode, image, state location. */
  public KubernetesSettings kubernetes() {
    String mode = values.getOrDefault("mode", "application");
    KubernetesSettings.Mode m = switch (mode) {
      case "application" -> KubernetesSettings.Mode.APPLICATION;
      case "session" -> KubernetesSettings.Mode.SESSION;
      default -> throw new IllegalArgumentException("deployer.mode: '" + mode + "' is not application or session");
    };
    try {
      return new KubernetesSettings(required("namespace", "the kubernetes deployer"), m,
          values.get("session_cluster"), values.get("image"), values.getOrDefault("jar_uri", DEFAULT_JAR_URI),
          values.get("service_account"), required("state_uri", "the kubernetes deployer"), flinkConfiguration,
          environment, values.get("web_ui"), controlUrl());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(e.getMessage().replace("kubernetes.", "deployer."), e);
    }
  }

  /** Session, kubernetes: the control API's address as the jobs reach it, if given. */
  URI controlUrl() {
    String value = values.get("control_url");
    if (value == null || value.isBlank()) {
      return null;
    }
    URI uri;
    try {
      uri = new URI(value.strip());
    } catch (java.net.URISyntaxException e) {
      throw new IllegalArgumentException("deployer.control_url: not a URL: " + e.getMessage());
    }
    if (uri.getScheme() == null || !uri.getScheme().matches("https?") || uri.getHost() == null) {
      throw new IllegalArgumentException("deployer.control_url: expected an http(s) URL with a host, got '" + value
          + "'");
    }
    return uri;
  }

  private String required(String key, String who) {
    String value = values.get(key);
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("deployer." + key + ": required for " + who + " (in config.yaml or "
          + ENV_PREFIX + key.toUpperCase(Locale.ROOT) + ")");
    }
    return value;
  }

  private int integer(String key, int fallback) {
    String value = values.get(key);
    if (value == null) {
      return fallback;
    }
    try {
      int n = Integer.parseInt(value);
      if (n < 0) {
        throw new NumberFormatException();
      }
      return n;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("deployer." + key + ": expected a non-negative whole number, got '"
          + value + "'");
    }
  }

  private static String text(Path file, Map.Entry<String, JsonNode> field) {
    if (!field.getValue().isValueNode() || field.getValue().isNull()) {
      throw new IllegalArgumentException(file + ": deployer." + field.getKey() + ": expected a text value");
    }
    return field.getValue().asText();
  }

  private static Map<String, String> textMap(Path file, Map.Entry<String, JsonNode> field) {
    if (!field.getValue().isObject()) {
      throw new IllegalArgumentException(file + ": deployer." + field.getKey() + ": expected a mapping");
    }
    Map<String, String> map = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = field.getValue().fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      map.put(e.getKey(), text(file, Map.entry(field.getKey() + "." + e.getKey(), e.getValue())));
    }
    return map;
  }
}
