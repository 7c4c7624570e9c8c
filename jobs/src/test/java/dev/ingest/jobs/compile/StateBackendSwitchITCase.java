package dev.ingest.jobs.compile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ingest.jobs.PipelineFixture;
import dev.ingest.jobs.ScriptedApi;
import dev.ingest.jobs.spec.PipelineSpec;
import dev.ingest.sinks.catalog.Catalogs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.iceberg.data.Record;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A savepoint taken with one state backend restores with the other (Flink's canonical savepoint format): a run is
 * stopped with a savepoint mid-way, the job restarts from it with the other backend, and the table holds every
 * served record exactly once and the runs table one finished run with their count.
 */
class StateBackendSwitchITCase {
  private static final int RECORDS = 600;

  @TempDir Path dir;
  private ScriptedApi api;
  private PipelineFixture fixture;

  @BeforeEach
  void start() throws Exception {
    api = new ScriptedApi().pageDelay(150);
    api.serve(IntStream.rangeClosed(1, RECORDS).mapToObj(id -> "{\"id\":" + id + ",\"v\":\"x" + id + "\"}")
        .toList());
    fixture = new PipelineFixture(dir, null);
  }

  @AfterEach
  void stop() {
    api.close();
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({"hashmap, rocksdb", "rocksdb, hashmap"})
  void aSavepointOfOneBackendRestoresOnTheOther(String from, String to) throws Exception {
    Path connector = api.connectorFile(dir, 20, null);
    PipelineSpec first = load(connector, from);
    Path savepoints = dir.resolve("savepoints");

    JobClient job = env(first, null).executeAsync("switch " + from);
    await().atMost(Duration.ofMinutes(2)).until(() -> api.requests() >= 6);
    String savepoint = job.stopWithSavepoint(false, savepoints.toUri().toString(), SavepointFormatType.CANONICAL)
        .get(2, TimeUnit.MINUTES);
    assertThat(api.requests()).as("stopped mid-run").isLessThan(RECORDS / 20);

    env(load(connector, to), savepoint).execute("switch " + to);

    List<Record> rows = fixture.rows(first, "items");
    Map<Object, Long> counts = rows.stream()
        .collect(Collectors.groupingBy(r -> r.getField("id"), Collectors.counting()));
    assertThat(counts).hasSize(RECORDS).allSatisfy((id, n) -> assertThat(n).as("copies of %s", id).isEqualTo(1L));
    List<Record> runs = fixture.rows(first, "_ingest_runs");
    assertThat(runs).hasSize(1);
    assertThat(runs.get(0).getField("status")).isEqualTo("SUCCEEDED");
    assertThat(runs.get(0).getField("rows")).isEqualTo((long) RECORDS);
  }

  private PipelineSpec load(Path connector, String backend) throws Exception {
    return fixture.load(api.pipelineYaml("switch", connector, "items", "").replace(
        "runtime: {parallelism: 1, checkpoint_interval: 200ms}",
        "runtime: {parallelism: 1, checkpoint_interval: 200ms, state_backend: " + backend + "}"));
  }

  private StreamExecutionEnvironment env(PipelineSpec pipeline, String savepoint) throws Exception {
    Path checkpoints = fixture.home().checkpoints(pipeline.name());
    Files.createDirectories(checkpoints);
    Configuration conf = JobConfiguration.forPipeline(pipeline, checkpoints, "hashmap");
    assertThat(conf.get(StateBackendOptions.STATE_BACKEND)).isEqualTo(pipeline.runtime().stateBackend().flinkName());
    if (savepoint != null) {
      conf.set(StateRecoveryOptions.SAVEPOINT_PATH, savepoint);
    }
    StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(1, conf);
    new PipelineCompiler(Catalogs.loader(pipeline.destination()), FetcherFactories.forPipeline(pipeline,
        fixture.secrets())).compile(env, pipeline, CompileOptions.once());
    return env;
  }
}
