package dev.ingest.jobs.compile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ingest.jobs.PipelineFixture;
import dev.ingest.jobs.local.LocalPipelineRunner;
import dev.ingest.jobs.spec.PipelineSpec;
import dev.ingest.sources.fetch.PageFetcherFactory;
import dev.ingest.sources.retry.RetryPolicy;
import dev.ingest.sources.runtime.ConnectorPageFetcherFactory;
import dev.ingest.sources.runtime.HttpEnvironment;
import dev.ingest.sandbox.Fault;
import dev.ingest.sandbox.FaultPlan;
import dev.ingest.sandbox.SandboxApi;
import dev.ingest.sources.secret.LocalFileSecretStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.iceberg.data.Record;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fault matrix of issue 3 through the whole pipeline (job → Iceberg → {@code _ingest_runs}), in one job: one
 * endpoint per fault, each a lane of a sandbox resource ({@code X-Sandbox-Lane} header) with its own scripted
 * faults, over OAuth 2.0 so a 401 can be cured by a refresh. Every recoverable fault lands exactly the fake's
 * records (read back with Iceberg's reader) and is counted in the run row; every permanent one fails only its
 * endpoint, with its class. Backoff and timeouts are shortened so the matrix takes seconds.
 */
class FaultRunsITCase {
  private static final String SECRET = "matrix-oauth";
  private static final int PAGE = 20;

  /** lane → resource, for the faults after which every record must land. */
  private static final Map<String, String> RECOVERABLE = lanes(
      "burst_5xx", "tickets", "retry_after_429", "tickets", "plain_429", "tickets", "rate_headers_zero", "tickets",
      "timeout", "tickets", "connection_reset", "tickets", "truncated_json", "tickets", "html_502", "tickets",
      "empty_page", "contacts", "refresh_401", "tickets", "storm", "tickets");
  /** lane → resource, for the faults that must fail their endpoint. */
  private static final Map<String, String> PERMANENT = lanes(
      "repeated_cursor", "contacts", "auth_401", "tickets", "auth_403", "tickets", "missing_404", "tickets");

  @TempDir Path dir;
  private SandboxApi sandbox;
  private PipelineFixture fixture;

  @BeforeEach
  void start() throws Exception {
    sandbox = SandboxApi.builder().port(0).oauth2("cid", "csecret", "refresh-0", Duration.ofHours(1), false)
        .datasetSize("tickets", 70).datasetSize("contacts", 70).build().start();
    fixture = new PipelineFixture(dir, sandbox);
    new LocalFileSecretStore(fixture.home().secretsFile()).write(SECRET,
        Map.of("client_id", "cid", "client_secret", "csecret", "refresh_token", "refresh-0"));
  }

  @AfterEach
  void stop() {
    sandbox.close();
  }

  @Test
  void everyFaultLandsExactlyTheFakesRecordsOrFailsItsEndpointWithItsClass() throws Exception {
    FaultPlan faults = sandbox.faults();
    faults.next("tickets@burst_5xx", Fault.none(), Fault.status(500), Fault.status(503), Fault.status(502),
            Fault.status(504))
        .next("tickets@retry_after_429", Fault.none(), Fault.status(429).retryAfterSeconds(1))
        .next("tickets@plain_429", Fault.none(), Fault.status(429))
        .next("tickets@rate_headers_zero", Fault.none(), Fault.rateHeaders(0, 1))
        .next("tickets@timeout", Fault.none(), Fault.delay(Duration.ofMillis(2_500)))
        .next("tickets@connection_reset", Fault.none(), Fault.reset())
        .next("tickets@truncated_json", Fault.none(), Fault.truncate())
        .next("tickets@html_502", Fault.none(), Fault.status(502).htmlBody())
        .next("contacts@empty_page", Fault.none(), Fault.emptyPage())
        .next("contacts@repeated_cursor", Fault.none(), Fault.repeatCursor())
        .next("tickets@refresh_401", Fault.none(), Fault.status(401))
        .always("tickets@auth_401", Fault.status(401))
        .always("tickets@auth_403", Fault.status(403))
        .always("tickets@missing_404", Fault.status(404))
        .randomly("tickets@storm", 0.3, 20261124L, Fault.status(500), Fault.reset(), Fault.truncate(),
            Fault.status(502).htmlBody(), Fault.status(429).retryAfterSeconds(0));
    int tokensBefore = sandbox.oauthTokensIssued();

    PipelineSpec pipeline = run();

    Map<String, Record> runs = fixture.rows(pipeline, "_ingest_runs").stream()
        .collect(Collectors.toMap(r -> (String) r.getField("endpoint"), r -> r));
    assertThat(runs).as("one run row per endpoint").hasSize(RECOVERABLE.size() + PERMANENT.size());
    for (Map.Entry<String, String> lane : RECOVERABLE.entrySet()) {
      Record run = runs.get(lane.getKey());
      assertThat(run.getField("status")).as("%s: %s", lane.getKey(), run).isEqualTo("SUCCEEDED");
      assertThat(run.getField("rows")).as(lane.getKey()).isEqualTo((long) sandbox.size(lane.getValue()));
      List<String> landed = fixture.rows(pipeline, lane.getKey()).stream()
          .map(r -> String.valueOf(r.getField("id"))).toList();
      List<String> served = sandbox.records(lane.getValue()).stream().map(n -> n.get("id").asText()).toList();
      assertThat(landed).as("%s: exactly the served records", lane.getKey())
          .containsExactlyInAnyOrderElementsOf(served);
    }
    assertThat(faults.pending()).as("every scripted fault was served").isZero();
    assertThat(counter(runs, "burst_5xx", "retries")).isGreaterThanOrEqualTo(4);
    for (String retried : List.of("timeout", "connection_reset", "truncated_json", "html_502")) {
      assertThat(counter(runs, retried, "retries")).as(retried).isPositive();
    }
    for (String throttled : List.of("retry_after_429", "plain_429")) {
      assertThat(counter(runs, throttled, "throttled")).as(throttled).isPositive();
    }
    assertThat(counter(runs, "rate_headers_zero", "waited_ms")).as("paused until the reset").isPositive();
    assertThat(sandbox.oauthTokensIssued() - tokensBefore).as("the 401s were answered by refreshes")
        .isGreaterThanOrEqualTo(2);

    assertFailed(pipeline, runs, "repeated_cursor", "PAGINATION");
    assertFailed(pipeline, runs, "auth_401", "AUTH_FAILED");
    assertFailed(pipeline, runs, "auth_403", "AUTH_FAILED");
    assertFailed(pipeline, runs, "missing_404", "NOT_FOUND");
    assertThat((String) runs.get("missing_404").getField("error_message")).contains("404");
    assertThat(counter(runs, "auth_401", "requests")).as("one refresh, no retry storm").isLessThanOrEqualTo(3);
  }

  private void assertFailed(PipelineSpec pipeline, Map<String, Record> runs, String lane, String errorClass)
      throws Exception {
    Record run = runs.get(lane);
    assertThat(run.getField("status")).as(lane).isEqualTo("FAILED");
    assertThat(run.getField("error_class")).as(lane).isEqualTo(errorClass);
    if (!lane.equals("repeated_cursor")) {
      assertThat(fixture.rows(pipeline, lane)).as(lane).isEmpty();
    }
  }

  private static long counter(Map<String, Record> runs, String lane, String column) {
    return (Long) runs.get(lane).getField(column);
  }

  private PipelineSpec run() throws Exception {
    String yaml = """
        name: fault_matrix
        connector_file: %s
        config:
          base_url: %s
        credentials:
          secret: %s
        endpoints: [%s]
        write_mode: append
        schedule: "0 * * * *"
        runtime: {parallelism: 2, checkpoint_interval: 300ms}
        """.formatted(connectorFile(), sandbox.baseUrl(), SECRET,
        String.join(", ", allLanes().keySet()));
    PipelineSpec pipeline = fixture.load(yaml);
    new LocalPipelineRunner(fixture.home(), fixture.secrets()).progress(false)
        .decorateFetchers(FaultRunsITCase::withShortWaits).runOnce(pipeline);
    return pipeline;
  }

  /** The pipeline's fetchers with 1 s request timeouts and millisecond backoff (Retry-After still honoured). */
  private static PageFetcherFactory withShortWaits(PageFetcherFactory fetchers) {
    RetryPolicy fast = RetryPolicy.defaults().withBaseDelay(Duration.ofMillis(10))
        .withMaxDelay(Duration.ofMillis(100)).withMaxAttempts(8);
    return ((ConnectorPageFetcherFactory) fetchers)
        .withRuntime(fast, HttpEnvironment.withTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(1)));
  }

  /**
   * A connector with one endpoint per lane: the resource's path and paging, plus the lane header. Schemas are
   * declared, so planning the tables sends no request (the faults are for the run), and they name every top-level
   * field the sandbox serves: an undeclared field would become a column within the run by restarting the job
   * (docs/tables.md), and the faults served before that restart would not be in the run's row.
   */
  private Path connectorFile() throws Exception {
    StringBuilder endpoints = new StringBuilder();
    allLanes().forEach((lane, resource) -> endpoints.append(resource.equals("tickets")
        ? """
            %s:
              path: /api/v2/tickets
              records: tickets
              primary_key: [id]
              headers: { X-Sandbox-Lane: %s }
              paging: { type: page_number, page_param: page, size_param: per_page, page_size: %d, stop: empty_page }
              schema:
                type: object
                properties:
                  id: { type: integer }
                  subject: { type: string }
                  description: { type: string }
                  status: { type: string }
                  priority: { type: string }
                  satisfaction_score: { type: number }
                  created_at: { type: string }
                  updated_at: { type: string }
                  requester:
                    type: object
                    properties: { id: { type: integer }, name: { type: string }, email: { type: string } }
                  tags: { type: array, items: { type: string } }
                  custom_fields:
                    type: array
                    items: { type: object, properties: { id: { type: integer }, value: { type: string } } }
          """.formatted(lane, lane, PAGE)
        : """
            %s:
              path: /crm/v3/objects/contacts
              records: results
              primary_key: [id]
              headers: { X-Sandbox-Lane: %s }
              paging: { type: body_cursor, cursor_path: paging.next.after, cursor_param: after, size_param: limit,
                        page_size: %d }
              schema:
                type: object
                properties:
                  id: { type: string }
                  properties:
                    type: object
                    properties:
                      email: { type: string }
                      firstname: { type: string }
                      lastname: { type: string }
                      lifecyclestage: { type: string }
                      company: { type: string }
                  createdAt: { type: string }
                  updatedAt: { type: string }
                  archived: { type: boolean }
          """.formatted(lane, lane, PAGE)));
    String yaml = """
        name: sandbox_matrix
        base_url: "{{ config.base_url }}"
        config:
          base_url: { required: true }
        credentials:
          client_id: { label: Client id, secret: false }
          client_secret: { label: Client secret }
          refresh_token: { label: Refresh token }
        auth:
          type: oauth2
          oauth2:
            grant: refresh_token
            token_url: "{{ config.base_url }}/oauth/token"
            client_id: "{{ credentials.client_id }}"
            client_secret: "{{ credentials.client_secret }}"
            refresh_token: "{{ credentials.refresh_token }}"
        endpoints:
        %s""".formatted(endpoints);
    Path file = dir.resolve("sandbox-matrix.yaml");
    Files.writeString(file, yaml, StandardCharsets.UTF_8);
    return file;
  }

  private static Map<String, String> allLanes() {
    Map<String, String> all = new LinkedHashMap<>(RECOVERABLE);
    all.putAll(PERMANENT);
    return all;
  }

  private static Map<String, String> lanes(String... laneThenResource) {
    Map<String, String> lanes = new LinkedHashMap<>();
    for (int i = 0; i < laneThenResource.length; i += 2) {
      lanes.put(laneThenResource[i], laneThenResource[i + 1]);
    }
    return lanes;
  }
}
