package dev.ingest.jobs.compile;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ingest.jobs.PipelineFixture;
import dev.ingest.jobs.spec.PipelineSpec;
import dev.ingest.sinks.catalog.Catalogs;
import dev.ingest.sandbox.SandboxApi;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.iceberg.data.Record;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exactly-once across a failure: a task failure is injected mid-run after at least one completed checkpoint; Flink
 * restarts the job from it; every table holds every served record exactly once and the runs table one row per
 * endpoint. Once with each state backend: on the heap, and in RocksDB with incremental checkpoints.
 */
class FailoverITCase {
  @TempDir Path dir;
  private SandboxApi sandbox;
  private PipelineFixture fixture;

  @BeforeEach
  void start() throws Exception {
    sandbox = SandboxApi.builder().port(0).requireBearerToken(PipelineFixture.TOKEN)
        .latency(Duration.ofMillis(15))
        .datasetSize("tickets", 1_500).datasetSize("contacts", 2_000).datasetSize("issues", 1_000)
        .build().start();
    fixture = new PipelineFixture(dir, sandbox);
  }

  @AfterEach
  void stop() {
    sandbox.close();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"hashmap", "rocksdb"})
  void resumesFromCheckpointedCursorAfterTaskFailure(String stateBackend) throws Exception {
    List<String> endpoints = List.of("tickets", "contacts", "issues");
    PipelineSpec pipeline = fixture.load(fixture.yaml("failover", endpoints, "0 * * * *",
        "runtime: {parallelism: 2, checkpoint_interval: 200ms, state_backend: " + stateBackend + "}"));
    Path checkpoints = fixture.home().checkpoints(pipeline.name());
    Files.createDirectories(checkpoints);
    Configuration conf = JobConfiguration.forPipeline(pipeline, checkpoints, "hashmap");
    assertThat(conf.get(StateBackendOptions.STATE_BACKEND)).isEqualTo(stateBackend);
    StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(2, conf);
    FailOnceAfterCheckpoint failing = new FailOnceAfterCheckpoint(
        FetcherFactories.forPipeline(pipeline, fixture.secrets()), checkpoints, "contacts", 5);

    new PipelineCompiler(Catalogs.loader(pipeline.destination()), failing)
        .compile(env, pipeline, CompileOptions.once());
    env.execute("failover");

    assertThat(failing.fired()).as("the injected failure happened").isTrue();
    for (String endpoint : endpoints) {
      List<Record> rows = fixture.rows(pipeline, endpoint);
      Map<String, Long> counts = rows.stream()
          .collect(Collectors.groupingBy(r -> String.valueOf(r.getField("id")), Collectors.counting()));
      List<String> served = sandbox.records(endpoint).stream().map(n -> n.get("id").asText()).toList();
      assertThat(counts.keySet()).as("ids of %s", endpoint).containsExactlyInAnyOrderElementsOf(served);
      assertThat(counts.values()).as("duplicates in %s", endpoint).allMatch(c -> c == 1L);
    }
    List<Record> runs = fixture.rows(pipeline, "_ingest_runs");
    assertThat(runs).hasSize(3).allSatisfy(r -> assertThat(r.getField("status")).isEqualTo("SUCCEEDED"));
    Map<Object, Object> rowsPerEndpoint = runs.stream()
        .collect(Collectors.toMap(r -> r.getField("endpoint"), r -> r.getField("rows")));
    for (String endpoint : endpoints) {
      assertThat(rowsPerEndpoint.get(endpoint)).isEqualTo((long) sandbox.size(endpoint));
    }
  }
}
