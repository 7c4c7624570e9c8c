package dev.ingest.jobs.airbyte;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ingest.jobs.compile.CompileOptions;
import dev.ingest.jobs.compile.FailOnceAfterCheckpoint;
import dev.ingest.jobs.compile.FetcherFactories;
import dev.ingest.jobs.compile.JobConfiguration;
import dev.ingest.jobs.compile.PipelineCompiler;
import dev.ingest.jobs.spec.PipelineSpec;
import dev.ingest.sinks.catalog.Catalogs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A manifest connector passes the crash-and-restart test of a native one: a task failure after a checkpoint, in
 * the middle of Workable's next-URL paging, restores the page cursor ({@code url:…}) from the checkpoint, and every
 * candidate lands in Iceberg exactly once.
 */
class ManifestFailoverITCase {
  private static final int CANDIDATES = 60;

  @TempDir Path dir;

  @Test
  void aTaskFailureMidPagingLosesAndRepeatsNoRecord() throws Exception {
    try (WorkableApi api = new WorkableApi(CANDIDATES, 25)) {
      ManifestPipelineRun run = new ManifestPipelineRun(dir).secret("workable", Map.of("api_key",
          WorkableApi.TOKEN));
      PipelineSpec pipeline = run.load(ManifestPipelineRun.yaml("workable_failover", "source-workable.yaml",
          "url_base: " + api.origin() + "\naccount_subdomain: acme\nstart_date: 20240101T000000Z", "workable",
          List.of("candidates")) + "runtime: {parallelism: 1, checkpoint_interval: 200ms}\n");
      Path checkpoints = run.fixture().home().checkpoints(pipeline.name());
      Files.createDirectories(checkpoints);
      StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(1,
          JobConfiguration.forPipeline(pipeline, checkpoints, "hashmap"));
      FailOnceAfterCheckpoint failing = new FailOnceAfterCheckpoint(
          FetcherFactories.create(pipeline, run.fixture().secrets()), checkpoints, "candidates", 8);

      new PipelineCompiler(Catalogs.loader(pipeline.destination()), failing)
          .compile(env, pipeline, CompileOptions.once());
      env.execute("manifest failover");

      assertThat(failing.fired()).as("the injected failure happened").isTrue();
      Map<Object, Long> counts = run.rows(pipeline, "candidates").stream()
          .collect(Collectors.groupingBy(r -> r.getField("id"), Collectors.counting()));
      assertThat(counts.keySet()).containsExactlyInAnyOrderElementsOf(IntStream.rangeClosed(1, CANDIDATES)
          .mapToObj(i -> (Object) ("c" + (1000 + i))).toList());
      assertThat(counts.values()).as("no candidate landed twice").allMatch(c -> c == 1L);
      assertThat(run.runRow(pipeline, "candidates").getField("status")).isEqualTo("SUCCEEDED");
    }
  }
}
