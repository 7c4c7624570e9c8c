package dev.ingest.jobs.compile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ingest.jobs.PipelineFixture;
import dev.ingest.jobs.spec.PipelineSpec;
import dev.ingest.sinks.catalog.Catalogs;
import dev.ingest.sources.sandbox.SandboxApi;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
    StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(1, conf);
    new PipelineCompiler(Catalogs.loader(pipeline.name(), pipeline.destination()),
        FetcherFactories.forPipeline(pipeline, fixture.secrets()))
        .compile(env, pipeline, PipelineCompiler.Mode.SCHEDULED);

    JobClient job = env.executeAsync("scheduled");
    try {
      // Each committer publishes at the same checkpoint, but independently: wait until both the run rows and the
      // rows they count are visible.
      await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
          .until(() -> exactRuns(pipeline) >= 2);
    } finally {
      job.cancel().get();
    }

    Map<String, List<Record>> runs = completedRuns(pipeline);
    assertThat(runs.size()).isGreaterThanOrEqualTo(2);
    for (List<Record> endpointRuns : runs.values()) {
      assertThat(endpointRuns).extracting(r -> r.getField("status")).containsOnly("SUCCEEDED");
      assertThat(endpointRuns).extracting(r -> r.getField("endpoint")).doesNotHaveDuplicates().hasSize(2);
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
