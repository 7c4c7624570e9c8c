package dev.ingest.jobs.spec;

import dev.ingest.sinks.write.WriteMode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ingest.sources.net.AddressPolicy;
import dev.ingest.sources.retry.RetryPolicy;
import dev.ingest.sources.spec.FieldError;
import dev.ingest.sources.spec.SpecException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PipelineLoaderTest {
  @TempDir Path dir;

  /** A loader whose connectors may call loopback (these definitions use http://127.0.0.1:9999). */
  private PipelineLoader loader() {
    return new PipelineLoader(new SpecDefaults(dir.resolve("warehouse"), dir.resolve("catalog.db"),
        AddressPolicy.strict().allowingHost("127.0.0.1")));
  }

  private static final String VALID = """
      name: demo
      connector: sandbox
      config: {base_url: "http://127.0.0.1:9999"}
      credentials: {secret: sandbox-demo}
      endpoints: [tickets, {name: contacts, write_mode: append}]
      schedule: "*/15 * * * *"
      runtime: {parallelism: 3, checkpoint_interval: 5s}
      """;

  private PipelineSpec load(String yaml) throws SpecException {
    return loader().parse("test.yaml", yaml.getBytes(StandardCharsets.UTF_8), dir);
  }

  @Test
  void loadsAValidPipelineWithDefaults() throws Exception {
    PipelineSpec spec = load(VALID);

    assertThat(spec.name()).isEqualTo("demo");
    assertThat(spec.connector().name()).isEqualTo("sandbox");
    assertThat(spec.endpointNames()).containsExactly("tickets", "contacts");
    // tickets is not incremental: full refresh by default; contacts states append
    assertThat(spec.endpoints()).extracting(EndpointSelection::writeMode)
        .containsExactly(WriteMode.FULL_REFRESH, WriteMode.APPEND);
    assertThat(spec.credentialsSecret()).contains("sandbox-demo");
    assertThat(spec.destination().type()).isEqualTo("local");
    assertThat(spec.destination().warehouse()).isEqualTo(dir.resolve("warehouse").toString());
    assertThat(spec.runtime()).isEqualTo(new RuntimeOptions(3, Duration.ofSeconds(5)));
    assertThat(spec.config()).containsEntry("base_url", "http://127.0.0.1:9999");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "bad name            | name: Demo-1                         | name",
      "unknown connector   | connector: nosuch                    | connector",
      "unknown endpoint    | endpoints: [tickets, nope]           | endpoints[1]",
      "duplicate endpoint  | endpoints: [tickets, tickets]        | endpoints[1]",
      "empty endpoints     | endpoints: []                        | endpoints",
      "endpoints not list  | endpoints: tickets                   | endpoints",
      "bad cron            | schedule: \"61 * * * *\"             | schedule",
      "bad write mode      | write_mode: merge                    | write_mode",
      "unknown destination | destination: {type: ftp}             | destination.type",
      "unknown key         | colour: blue                         | colour",
      "bad parallelism     | runtime: {parallelism: 0}            | runtime.parallelism",
      "bad interval        | runtime: {checkpoint_interval: soon} | runtime.checkpoint_interval",
      "retry not mapping   | runtime: {retry: 5}                  | runtime.retry",
      "zero attempts       | runtime: {retry: {max_attempts: 0}}  | runtime.retry.max_attempts",
      "attempts as text    | runtime: {retry: {max_attempts: many}} | runtime.retry.max_attempts",
      "unknown retry key   | runtime: {retry: {backoff: 2s}}      | runtime.retry.backoff",
      "bad base delay      | runtime: {retry: {base_delay: 0ms}}  | runtime.retry.base_delay",
      "absurd max delay    | runtime: {retry: {max_delay: 30d}}   | runtime.retry.max_delay",
      "tiny budget         | runtime: {retry: {total_budget: 10ms}} | runtime.retry.total_budget",
      "bad request timeout | runtime: {request_timeout: forever}  | runtime.request_timeout",
      "unknown backend     | runtime: {state_backend: memory}     | runtime.state_backend",
      "secret as value     | credentials: {secret: 'a b c'}       | credentials.secret",
      "unknown config      | config: {base_url: x, colour: blue}  | config.colour",
  })
  void rejectsInvalidFieldsNamingThePath(String name, String override, String path) {
    String yaml = override(VALID, override);

    assertThatThrownBy(() -> load(yaml))
        .isInstanceOf(SpecException.class)
        .satisfies(e -> assertThat(((SpecException) e).errors()).extracting(FieldError::path).contains(path));
  }

  @Test
  void readsRetrySettingsAndRequestTimeout() throws Exception {
    PipelineSpec spec = load(override(VALID, "runtime: {parallelism: 2, request_timeout: 30s, "
        + "retry: {max_attempts: 8, base_delay: 200ms, max_delay: 30s, total_budget: PT10M}}"));

    assertThat(spec.runtime()).isEqualTo(new RuntimeOptions(2, RuntimeOptions.DEFAULTS.checkpointInterval(),
        RetryPolicy.defaults().withMaxAttempts(8).withBaseDelay(Duration.ofMillis(200))
            .withMaxDelay(Duration.ofSeconds(30)).withTotalBudget(Duration.ofMinutes(10)),
        Duration.ofSeconds(30)));
  }

  @Test
  void readsTheStateBackendAndLeavesItToTheInstallationWhenAbsent() throws Exception {
    assertThat(load(override(VALID, "runtime: {state_backend: RocksDB}")).runtime().stateBackend())
        .isEqualTo(StateBackend.ROCKSDB);
    assertThat(load(override(VALID, "runtime: {state_backend: hashmap}")).runtime().stateBackend())
        .isEqualTo(StateBackend.HASHMAP);
    assertThat(load(VALID).runtime().stateBackend()).isNull();
  }

  @Test
  void unsetRetrySettingsKeepTheDefaults() throws Exception {
    PipelineSpec spec = load(override(VALID, "runtime: {retry: {max_attempts: 3}}"));

    assertThat(spec.runtime().retry()).isEqualTo(RetryPolicy.defaults().withMaxAttempts(3));
    assertThat(spec.runtime().requestTimeout()).isEqualTo(RuntimeOptions.DEFAULTS.requestTimeout());
    assertThat(load(VALID.replace("runtime:", "#")).runtime()).isEqualTo(RuntimeOptions.DEFAULTS);
  }

  @Test
  void retryErrorsNameTheFieldAndTheLimits() {
    assertThatThrownBy(() -> load(override(VALID, "runtime: {retry: {max_attempts: 1000}}")))
        .hasMessageContaining("runtime.retry.max_attempts: must be between 1 and 50, got 1000");
    assertThatThrownBy(() -> load(override(VALID, "runtime: {retry: {base_delay: 5s, max_delay: 1s}}")))
        .hasMessageContaining("runtime.retry.max_delay: must not be shorter than base_delay (5000ms), got 1000ms");
    assertThatThrownBy(() -> load(override(VALID, "runtime: {request_timeout: 2h}")))
        .hasMessageContaining("runtime.request_timeout: expected a duration between 1s and 1h such as 500ms, 10s, "
            + "5m; got '2h'");
  }

  @Test
  void reportsEveryErrorAtOnce() {
    assertThatThrownBy(() -> load("name: X\nconnector: sandbox\nschedule: nope\n"))
        .isInstanceOf(SpecException.class)
        .satisfies(e -> assertThat(((SpecException) e).errors()).extracting(FieldError::path)
            .contains("name", "schedule", "endpoints", "credentials.secret"));
  }

  @Test
  void rejectsMissingCredentialForAnAuthenticatingConnector() {
    String yaml = VALID.replace("credentials: {secret: sandbox-demo}\n", "");
    assertThatThrownBy(() -> load(yaml)).hasMessageContaining("credentials.secret: required");
  }

  @Test
  void credentialsAuthMethodSelectsOneOfTheConnectorsMethods() throws Exception {
    String jira = """
        name: tracker
        connector: jira
        config: {base_url: "http://127.0.0.1:9999"}
        credentials: {secret: jira-oauth%s}
        endpoints: [issues]
        schedule: "0 * * * *"
        """;

    PipelineSpec byDefault = load(jira.formatted(""));
    assertThat(byDefault.connector().authMethod()).isEqualTo("api_token");
    assertThat(byDefault.connector().credentials()).containsOnlyKeys("email", "api_token");

    PipelineSpec oauth = load(jira.formatted(", auth_method: oauth2"));
    assertThat(oauth.connector().authMethod()).isEqualTo("oauth2");
    assertThat(oauth.connector().credentials()).containsOnlyKeys("client_id", "client_secret", "refresh_token");

    assertThatThrownBy(() -> load(jira.formatted(", auth_method: saml")))
        .hasMessageContaining("credentials.auth_method: unknown auth method 'saml' of connector jira "
            + "(expected one of api_token, oauth2)");
    assertThatThrownBy(() -> load(jira.formatted(", auth_method: [oauth2]")))
        .hasMessageContaining("credentials.auth_method");
  }

  @Test
  void rejectsBothConnectorAndConnectorFile() {
    assertThatThrownBy(() -> load(VALID + "connector_file: ./mine.yaml\n"))
        .hasMessageContaining("connector: give either connector or connector_file");
  }

  @Test
  void reportsAMissingConnectorFileByField() {
    String yaml = VALID.replace("connector: sandbox", "connector_file: ./missing.yaml");
    assertThatThrownBy(() -> load(yaml)).hasMessageContaining("connector_file");
  }

  @Test
  void parsesDurations() {
    assertThat(Durations.parse("500ms")).contains(Duration.ofMillis(500));
    assertThat(Durations.parse("5m")).contains(Duration.ofMinutes(5));
    assertThat(Durations.parse("PT2S")).contains(Duration.ofSeconds(2));
    assertThat(Durations.parse("soon")).isEmpty();
  }

  /** Replaces the top-level key of {@code override} in {@code yaml}, or appends it. */
  private static String override(String yaml, String override) {
    String key = override.substring(0, override.indexOf(':'));
    StringBuilder out = new StringBuilder();
    boolean replaced = false;
    for (String line : yaml.split("\n")) {
      if (line.startsWith(key + ":")) {
        out.append(override).append('\n');
        replaced = true;
      } else {
        out.append(line).append('\n');
      }
    }
    if (!replaced) {
      out.append(override).append('\n');
    }
    return out.toString();
  }
}
