package dev.ingest.jobs.compile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import org.apache.flink.configuration.RestOptions;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ingest.jobs.PipelineFixture;
import dev.ingest.jobs.SnapshotRuns;
import dev.ingest.jobs.spec.PipelineSpec;
import dev.ingest.sinks.catalog.Catalogs;
import dev.ingest.sandbox.SandboxApi;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.iceberg.data.Record;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Unbounded mode: a schedule firing every few seconds produces several runs, each recorded in _ingest_runs. */
class ScheduledRunsITCase {
  @TempDir Path dir;
  private SandboxApi sandbox;
  private PipelineFixture fixture;

  @BeforeEach
  void start() throws Exception {
    sandbox = SandboxApi.builder().port(0).requireBearerToken(PipelineFixture.TOKEN)
        .datasetSize("tickets", 300).datasetSize("issues", 250).build().start();
    fixture = new PipelineFixture(dir, sandbox);
  }

  @AfterEach
  void stop() {
    sandbox.close();
  }

  @Test
  void everyCronTickIsARecordedRun() throws Exception {
    PipelineSpec pipeline = fixture.load(fixture.yaml("scheduled", List.of("tickets", "issues"), "*/3 * * * * *",
        "runtime: {parallelism: 1, checkpoint_interval: 300ms}"));
    Path checkpoints = fixture.home().checkpoints(pipeline.name());
    Files.createDirectories(checkpoints);
    Configuration conf = JobConfiguration.forPipeline(pipeline, checkpoints, "hashmap");
    int restPort = freePort();
    conf.set(RestOptions.PORT, restPort);
    StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironmentWithWebUI(conf);
    env.setParallelism(1);
    new PipelineCompiler(Catalogs.loader(pipeline.destination()),
        FetcherFactories.forPipeline(pipeline, fixture.secrets()))
        .compile(env, pipeline, CompileOptions.scheduled());

    JobClient job = env.executeAsync("scheduled");
    try {
      // Each committer publishes at the same checkpoint, but independently: wait until both the run rows and the
      // rows they count are visible.
      await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
          .until(() -> exactRuns(pipeline) >= 2);
      // the source's per-endpoint metrics are visible through Flink's REST API (what the Flink UI shows)
      Map<String, Long> metrics = sourceMetrics(restPort, job.getJobID().toHexString(),
          List.of("endpoint.tickets.rows", "endpoint.tickets.pages", "endpoint.issues.rows",
              "endpoint.tickets.lastRunRows", "endpoint.tickets.requests"));
      assertThat(metrics.get("endpoint.tickets.rows")).isGreaterThanOrEqualTo(2L * sandbox.size("tickets"));
      assertThat(metrics.get("endpoint.issues.rows")).isGreaterThanOrEqualTo(2L * sandbox.size("issues"));
      assertThat(metrics.get("endpoint.tickets.lastRunRows")).isEqualTo((long) sandbox.size("tickets"));
      assertThat(metrics.get("endpoint.tickets.requests")).isGreaterThanOrEqualTo(metrics.get("endpoint.tickets.pages"));
    } finally {
      job.cancel().get();
      // cancel() returns once requested; wait until the tasks are gone before the temp folder is removed
      // (the job's own MiniCluster shuts down with it, so wait on the job's result, not its status)
      job.getJobExecutionResult().handle((result, cancelled) -> null).get(60, TimeUnit.SECONDS);
    }

    Map<String, List<Record>> runs = completedRuns(pipeline);
    assertThat(runs.size()).isGreaterThanOrEqualTo(2);
    for (List<Record> endpointRuns : runs.values()) {
      assertThat(endpointRuns).extracting(r -> r.getField("status")).containsOnly("SUCCEEDED");
      assertThat(endpointRuns).extracting(r -> r.getField("endpoint")).doesNotHaveDuplicates().hasSize(2);
    }
    // every commit names the runs whose rows it added: the endpoint tables by _ingest_run_id, the runs table by
    // run_id; together they cover every recorded run
    Set<String> recorded = fixture.rows(pipeline, "_ingest_runs").stream()
        .map(r -> (String) r.getField("run_id")).collect(Collectors.toSet());
    assertThat(SnapshotRuns.assertEveryCommitNamesItsRuns(fixture.table(pipeline, "_ingest_runs"), "run_id"))
        .isEqualTo(recorded);
    for (String endpoint : List.of("tickets", "issues")) {
      assertThat(SnapshotRuns.assertEveryCommitNamesItsRuns(fixture.table(pipeline, endpoint), "_ingest_run_id"))
          .containsAll(runs.keySet());
    }
  }

  /**
   * Sum over subtasks of each source metric whose id ends with one of {@code suffixes}, read from Flink's REST API
   * ({@code /jobs/:id/vertices/:vertex/subtasks/metrics?get=..&agg=sum}).
   */
  private static Map<String, Long> sourceMetrics(int port, String jobId, List<String> suffixes) throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    ObjectMapper json = new ObjectMapper();
    String base = "http://127.0.0.1:" + port + "/jobs/" + jobId;
    JsonNode job = json.readTree(get(http, base));
    String vertex = null;
    for (JsonNode v : job.get("vertices")) {
      if (v.get("name").asText().startsWith("Source: api")) {
        vertex = v.get("id").asText();
      }
    }
    assertThat(vertex).as("source vertex in %s", job).isNotNull();
    String vertexBase = base + "/vertices/" + vertex + "/subtasks/metrics";
    Map<String, Long> values = new HashMap<>();
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
      List<String> ids = new ArrayList<>();
      json.readTree(get(http, vertexBase)).forEach(m -> ids.add(m.get("id").asText()));
      for (String suffix : suffixes) {
        String id = ids.stream().filter(i -> i.endsWith(suffix)).findFirst().orElse(null);
        assertThat(id).as("metric *%s among %s", suffix, ids).isNotNull();
        JsonNode agg = json.readTree(get(http, vertexBase + "?agg=sum&get=" + id));
        values.put(suffix, (long) agg.get(0).get("sum").asDouble());
      }
    });
    return values;
  }

  private static String get(HttpClient http, String url) throws Exception {
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as("GET %s: %s", url, response.body()).isEqualTo(200);
    return response.body();
  }

  private static int freePort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  /** Completed runs whose tickets table holds exactly the served tickets for that run id. */
  private long exactRuns(PipelineSpec pipeline) throws Exception {
    Map<String, List<Record>> runs = completedRuns(pipeline);
    if (runs.isEmpty()) {
      return 0;
    }
    fixture.table(pipeline, "tickets").refresh();
    Map<Object, Long> perRun = fixture.rows(pipeline, "tickets").stream()
        .collect(Collectors.groupingBy(r -> r.getField("_ingest_run_id"), Collectors.counting()));
    return runs.keySet().stream()
        .filter(runId -> perRun.getOrDefault(runId, 0L) == sandbox.size("tickets"))
        .count();
  }

  /** Runs whose two endpoints both have a committed row in _ingest_runs, by run id. */
  private Map<String, List<Record>> completedRuns(PipelineSpec pipeline) throws Exception {
    if (!fixture.catalog(pipeline).tableExists(
        org.apache.iceberg.catalog.TableIdentifier.of(pipeline.name(), "_ingest_runs"))) {
      return Map.of();
    }
    fixture.table(pipeline, "_ingest_runs").refresh();
    return fixture.rows(pipeline, "_ingest_runs").stream()
        .collect(Collectors.groupingBy(r -> (String) r.getField("run_id")))
        .entrySet().stream()
        .filter(e -> e.getValue().stream().map(r -> r.getField("endpoint")).collect(Collectors.toSet())
            .equals(Set.of("tickets", "issues")))
        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
  }
}
