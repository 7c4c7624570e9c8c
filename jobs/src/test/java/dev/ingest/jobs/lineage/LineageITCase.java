package dev.ingest.jobs.lineage;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ingest.jobs.PipelineFixture;
import dev.ingest.jobs.local.LocalPipelineRunner;
import dev.ingest.jobs.spec.PipelineSpec;
import dev.ingest.sandbox.Fault;
import dev.ingest.sandbox.SandboxApi;
import dev.ingest.sources.secret.LocalFileSecretStore;
import dev.ingest.testkit.ExternalServer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.SnapshotSummary;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.Record;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * OpenLineage run events of pipelines run on a MiniCluster against the sandbox, received by a local HTTP receiver
 * ({@link LineageReceiver}): exactly START then COMPLETE (or FAIL) per run, with the API endpoints as inputs and the
 * Iceberg tables as outputs, their row counts those of {@code _ingest_runs} and their byte counts those of the
 * tables' commits; the API key goes in the Authorization header only, never in an event; a receiver that is down or
 * stalls changes nothing in what lands.
 */
class LineageITCase {
  private static final String API_KEY = "ol_key_5b8e1d0c7a";
  private static final String KEY_SECRET = "lineage-key";

  @TempDir Path dir;
  private SandboxApi sandbox;
  private PipelineFixture fixture;

  @BeforeEach
  void start() throws Exception {
    sandbox = SandboxApi.builder().port(0).requireBearerToken(PipelineFixture.TOKEN)
        .datasetSize("tickets", 300).datasetSize("contacts", 200).build().start();
    fixture = new PipelineFixture(dir, sandbox);
    new LocalFileSecretStore(fixture.home().secretsFile()).write(KEY_SECRET, Map.of("api_key", API_KEY));
  }

  @AfterEach
  void stop() {
    sandbox.close();
  }

  @Test
  void reportsStartThenCompleteWithEndpointsInTablesOutAndTheirCounts() throws Exception {
    try (LineageReceiver receiver = LineageReceiver.start()) {
      PipelineSpec pipeline = run("lineage_ok", receiver.url(), "timeout_ms: 2000, api_key_secret: " + KEY_SECRET);

      List<JsonNode> events = receiver.events();
      assertThat(events).extracting(e -> e.get("eventType").asText()).containsExactly("START", "COMPLETE");
      assertThat(events).extracting(e -> e.at("/run/runId").asText()).doesNotContainNull().hasSize(2)
          .containsOnly(events.get(0).at("/run/runId").asText());
      Map<String, Record> runs = runs(pipeline);
      String runId = (String) runs.get("tickets").getField("run_id");
      assertThat(events).allSatisfy(e -> {
        assertThat(e.at("/job/namespace").asText()).isEqualTo("acme");
        assertThat(e.at("/job/name").asText()).isEqualTo("lineage_ok");
        assertThat(e.at("/run/facets/ingest_run/runId").asText()).isEqualTo(runId);
        assertThat(names(e.get("inputs"), "namespace")).containsOnly(sandbox.baseUrl().replaceAll("/$", ""));
        assertThat(names(e.get("inputs"), "name")).containsExactly("tickets", "contacts");
        assertThat(names(e.get("outputs"), "namespace")).containsOnly("file");
        assertThat(names(e.get("outputs"), "name")).containsExactly(
            location(pipeline, "tickets"), location(pipeline, "contacts"));
      });

      JsonNode complete = events.get(1);
      for (int i = 0; i < 2; i++) {
        String endpoint = List.of("tickets", "contacts").get(i);
        JsonNode input = complete.get("inputs").get(i).at("/inputFacets/dataQualityMetrics");
        assertThat(input.get("rowCount").asLong()).isEqualTo((long) sandbox.size(endpoint));
        assertThat(input.get("bytes").asLong()).isEqualTo((Long) runs.get(endpoint).getField("bytes"));
        JsonNode output = complete.get("outputs").get(i).at("/outputFacets/outputStatistics");
        assertThat(output.get("rowCount").asLong()).isEqualTo((long) sandbox.size(endpoint));
        assertThat(output.get("size").asLong()).as("bytes the run's commits added to %s", endpoint)
            .isEqualTo(addedBytes(fixture.table(pipeline, endpoint))).isPositive();
      }
      assertThat(events.get(0).get("inputs").get(0).has("inputFacets")).as("START carries no counts").isFalse();

      assertThat(receiver.authorizations()).containsOnly("Bearer " + API_KEY);
      assertThat(receiver.bodies()).noneMatch(b -> b.contains(API_KEY)).noneMatch(b -> b.contains(PipelineFixture.TOKEN));
    }
  }

  @Test
  void reportsFailWhenAnEndpointFails() throws Exception {
    sandbox.faults().always("contacts", Fault.status(404));
    try (LineageReceiver receiver = LineageReceiver.start()) {
      PipelineSpec pipeline = run("lineage_fail", receiver.url(), "timeout_ms: 2000");

      List<JsonNode> events = receiver.events();
      assertThat(events).extracting(e -> e.get("eventType").asText()).containsExactly("START", "FAIL");
      JsonNode fail = events.get(1);
      assertThat(fail.at("/run/facets/errorMessage/message").asText())
          .isEqualTo("endpoint(s) failed: contacts (" + runs(pipeline).get("contacts").getField("error_class")
              + "); see the pipeline's _ingest_runs table");
      assertThat(fail.get("inputs").get(0).at("/inputFacets/dataQualityMetrics/rowCount").asLong()).isEqualTo(300L);
      assertThat(fail.get("outputs").get(1).at("/outputFacets/outputStatistics/rowCount").asLong()).isZero();
      assertThat(receiver.authorizations()).containsOnlyNulls();
    }
  }

  @Test
  void aReceiverThatIsDownOrStallsChangesNothingThatLands() throws Exception {
    int closed = ExternalServer.freePort();
    PipelineSpec down = run("lineage_down", "http://127.0.0.1:" + closed, "timeout_ms: 500");
    assertThat(fixture.rows(down, "tickets")).hasSize(300);
    assertThat(fixture.rows(down, "contacts")).hasSize(200);

    try (LineageReceiver stalling = LineageReceiver.stalling()) {
      long started = System.nanoTime();
      PipelineSpec stalled = run("lineage_stalled", stalling.url(), "timeout_ms: 500");
      long seconds = (System.nanoTime() - started) / 1_000_000_000L;
      assertThat(fixture.rows(stalled, "tickets")).hasSize(300);
      assertThat(stalling.bodies()).as("both events were attempted").hasSize(2);
      assertThat(seconds).as("the run waited on the receiver at most the bounded timeouts").isLessThan(60);
    }
  }

  private PipelineSpec run(String name, String url, String lineageExtra) throws Exception {
    String yaml = fixture.yaml(name, List.of("tickets", "contacts"), "0 * * * *",
        "runtime: {parallelism: 2, checkpoint_interval: 300ms}\n"
            + "lineage: {url: \"" + url + "\", namespace: acme, " + lineageExtra + "}");
    PipelineSpec pipeline = fixture.load(yaml);
    new LocalPipelineRunner(fixture.home(), fixture.secrets()).progress(false).runOnce(pipeline);
    return pipeline;
  }

  private Map<String, Record> runs(PipelineSpec pipeline) throws Exception {
    return fixture.rows(pipeline, "_ingest_runs").stream()
        .collect(Collectors.toMap(r -> (String) r.getField("endpoint"), r -> r));
  }

  private String location(PipelineSpec pipeline, String table) {
    return java.net.URI.create(fixture.table(pipeline, table).location()).getPath();
  }

  private static long addedBytes(Table table) {
    long bytes = 0;
    for (Snapshot s : table.snapshots()) {
      bytes += Long.parseLong(s.summary().getOrDefault(SnapshotSummary.ADDED_FILE_SIZE_PROP, "0"));
    }
    return bytes;
  }

  private static List<String> names(JsonNode datasets, String field) {
    return StreamSupport.stream(datasets.spliterator(), false).map(d -> d.get(field).asText()).toList();
  }
}
