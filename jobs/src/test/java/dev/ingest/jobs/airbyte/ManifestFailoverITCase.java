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
 * candidate lands in Iceberg exactly once; likewise in the middle of Delighted's weekly {@code DatetimeBasedCursor}
 * windows, where the checkpointed cursor is the window index and the page inside it; and amid calendly's
 * {@code event_invitees} partitions (one fanned-out part per event), whose per-partition cursor state is merged
 * across the restore.
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
      runFailingOnce(run, pipeline, "candidates", 8);
      Map<Object, Long> counts = run.rows(pipeline, "candidates").stream()
          .collect(Collectors.groupingBy(r -> r.getField("id"), Collectors.counting()));
      assertThat(counts.keySet()).containsExactlyInAnyOrderElementsOf(IntStream.rangeClosed(1, CANDIDATES)
          .mapToObj(i -> (Object) ("c" + (1000 + i))).toList());
      assertThat(counts.values()).as("no candidate landed twice").allMatch(c -> c == 1L);
      assertThat(run.runRow(pipeline, "candidates").getField("status")).isEqualTo("SUCCEEDED");
    }
  }

  @Test
  void aTaskFailureMidWindowsLosesAndRepeatsNoRecord() throws Exception {
    long week = 7 * DelightedApi.DAY;
    long start = java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.DAYS).getEpochSecond()
        - 40 * week;
    try (DelightedApi api = new DelightedApi(start, 25)) {
      for (int w = 2; w < 40; w++) {
        api.addPerson("w" + w, start + w * week + 3600);
      }
      ManifestPipelineRun run = new ManifestPipelineRun(dir).secret("delighted", Map.of("api_key",
          DelightedApi.KEY));
      PipelineSpec pipeline = run.load(ManifestPipelineRun.yaml("delighted_failover", "source-delighted.yaml",
          "url_base: " + api.origin() + "/v1/\nsince: " + java.time.format.DateTimeFormatter.ISO_INSTANT.format(
              java.time.Instant.ofEpochSecond(start)), "delighted", List.of("people"))
          + "runtime: {parallelism: 1, checkpoint_interval: 200ms}\n");
      runFailingOnce(run, pipeline, "people", 12);
      Map<Object, Long> counts = run.rows(pipeline, "people").stream()
          .collect(Collectors.groupingBy(r -> r.getField("id"), Collectors.counting()));
      assertThat(counts).hasSize(160 + 38);
      assertThat(counts.values()).as("no person landed twice").allMatch(c -> c == 1L);
      assertThat(run.runRow(pipeline, "people").getField("status")).isEqualTo("SUCCEEDED");
      assertThat(run.runRow(pipeline, "people").getField("cursor_end")).isEqualTo(
          java.time.format.DateTimeFormatter.ISO_INSTANT.format(java.time.Instant.ofEpochSecond(
              start + 39 * week + 3600)));
    }
  }

  @Test
  void aTaskFailureAmidPartitionsLosesAndRepeatsNoRecordAndKeepsEveryPartitionsCursor() throws Exception {
    java.time.Instant base = java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    try (CalendlyApi api = new CalendlyApi(base)) {
      ManifestPipelineRun run = new ManifestPipelineRun(dir).secret("calendly", Map.of("api_key", CalendlyApi.TOKEN));
      PipelineSpec pipeline = run.load(ManifestPipelineRun.yaml("calendly_failover", "source-calendly.yaml",
          "url_base: " + api.origin() + "\nstart_date: " + java.time.format.DateTimeFormatter.ISO_INSTANT.format(
              base.minusSeconds(30 * DelightedApi.DAY)), "calendly",
          List.of("{ name: event_invitees, write_mode: append }"))
          + "runtime: {parallelism: 1, checkpoint_interval: 200ms}\n");
      runFailingOnce(run, pipeline, "event_invitees", 3);
      Map<Object, Long> counts = run.rows(pipeline, "event_invitees").stream()
          .collect(Collectors.groupingBy(r -> r.getField("id"), Collectors.counting()));
      assertThat(counts).hasSize(25); // EV1's 22, EV2's one, EV4's two
      assertThat(counts.values()).as("no invitee landed twice").allMatch(c -> c == 1L);
      assertThat(run.runRow(pipeline, "event_invitees").getField("status")).isEqualTo("SUCCEEDED");
      // the state merged across the restore holds every event's cursor and the parent's
      com.fasterxml.jackson.databind.JsonNode state = dev.ingest.sources.incremental.CursorState.parse(
          (String) run.runRow(pipeline, "event_invitees").getField("cursor_end")).orElseThrow();
      String created = java.time.format.DateTimeFormatter.ISO_INSTANT.format(
          base.minusSeconds(10 * DelightedApi.DAY + 3600));
      assertThat(state.path("states").findValuesAsText("scheduled_event_id")).containsExactly("EV1", "EV2", "EV4");
      assertThat(state.path("states").findValuesAsText("created_at")).containsExactly(created, created, created);
      assertThat(state.path("state").path("created_at").asText()).isEqualTo(created);
      assertThat(state.path("parent_state").path("scheduled_events").path("start_time").asText()).isEqualTo(
          java.time.format.DateTimeFormatter.ISO_INSTANT.format(base.minusSeconds(DelightedApi.DAY)));
    }
  }

  /** Runs the pipeline once with one task failure after a checkpoint and {@code afterPages} pages of {@code endpoint}. */
  private static void runFailingOnce(ManifestPipelineRun run, PipelineSpec pipeline, String endpoint, int afterPages)
      throws Exception {
    Path checkpoints = run.fixture().home().checkpoints(pipeline.name());
    Files.createDirectories(checkpoints);
    StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(1,
        JobConfiguration.forPipeline(pipeline, checkpoints, "hashmap"));
    FailOnceAfterCheckpoint failing = new FailOnceAfterCheckpoint(
        FetcherFactories.create(pipeline, run.fixture().secrets()), checkpoints, endpoint, afterPages);
    new PipelineCompiler(Catalogs.loader(pipeline.destination()), failing)
        .compile(env, pipeline, CompileOptions.once());
    env.execute("manifest failover " + endpoint);
    assertThat(failing.fired()).as("the injected failure happened").isTrue();
  }
}
