package dev.ingest.jobs.compile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ingest.jobs.PipelineFixture;
import dev.ingest.jobs.ScriptedApi;
import dev.ingest.jobs.local.LocalPipelineRunner;
import dev.ingest.jobs.spec.PipelineSpec;
import dev.ingest.sinks.catalog.Catalogs;
import dev.ingest.sinks.runs.RunReport;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.iceberg.DataOperations;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.Record;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Iceberg's Flink table maintenance on the pipeline's {@code maintenance} schedule, in a MiniCluster: an upsert
 * table after several runs has equality deletes; after its maintenance job ran, it holds exactly the same rows
 * (Iceberg's reader), no delete file is left, its data files were compacted and the runs' snapshots expired.
 */
class TableMaintenanceITCase {
  private static final int KEYS = 300;
  private static final int RUNS = 3;

  @TempDir Path dir;
  private ScriptedApi api;
  private PipelineFixture fixture;

  @BeforeEach
  void start() throws Exception {
    api = new ScriptedApi();
    fixture = new PipelineFixture(dir, null);
  }

  @AfterEach
  void stop() {
    api.close();
  }

  @Test
  void compactionAppliesAndDropsEqualityDeletesKeepingTheRows() throws Exception {
    PipelineSpec pipeline = fixture.load(api.pipelineYaml("upkeep", api.connectorFile(dir, 50, null),
        "{name: items, write_mode: upsert}",
        "maintenance: {after_commits: 1, check_interval: 1s, snapshot_retention: 0s, retain_last: 1}"));
    for (int run = 1; run <= RUNS; run++) {
      String value = "r" + run;
      api.serve(IntStream.rangeClosed(1, KEYS).mapToObj(id -> "{\"id\":" + id + ",\"v\":\"" + value + "\"}")
          .toList());
      RunReport report = new LocalPipelineRunner(fixture.home(), fixture.secrets()).progress(false)
          .runOnce(pipeline);
      assertThat(report.failed()).as("%s", report).isFalse();
    }
    Table table = fixture.table(pipeline, "items");
    Map<String, String> before = table.currentSnapshot().summary();
    Map<Long, Object> rowsBefore = values(pipeline);
    assertThat(rowsBefore).hasSize(KEYS).allSatisfy((id, v) -> assertThat(v).isEqualTo("r" + RUNS));
    assertThat(Long.parseLong(before.get("total-equality-deletes"))).as("%s", before).isPositive();
    assertThat(Long.parseLong(before.get("total-delete-files"))).as("%s", before).isPositive();

    StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(1);
    int maintained = new MaintenanceTranslator(Catalogs.loader(pipeline.destination()))
        .translateExisting(env, pipeline, fixture.catalog(pipeline));
    assertThat(maintained).isEqualTo(1);
    JobClient job = env.executeAsync("maintenance upkeep");
    try {
      await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
        table.refresh();
        Map<String, String> summary = table.currentSnapshot().summary();
        assertThat(summary).as("%s", summary).containsEntry("total-delete-files", "0");
        // the runs' snapshots are expired; maintenance's own (replace) commits do not count as commits for the
        // trigger, so the snapshots it made itself go at the next maintenance
        assertThat(table.snapshots()).as("the runs' snapshots expired")
            .allSatisfy(s -> assertThat(s.operation()).isEqualTo(DataOperations.REPLACE));
      });
    } finally {
      job.cancel().get();
    }
    Map<String, String> after = table.currentSnapshot().summary();
    assertThat(after).containsEntry("total-equality-deletes", "0").containsEntry("total-position-deletes", "0")
        .containsEntry("total-records", String.valueOf(KEYS));
    assertThat(Long.parseLong(after.get("total-data-files")))
        .isLessThan(Long.parseLong(before.get("total-data-files")));
    assertThat(values(pipeline)).isEqualTo(rowsBefore);
  }

  private Map<Long, Object> values(PipelineSpec pipeline) throws Exception {
    List<Record> rows = fixture.rows(pipeline, "items");
    Map<Long, Object> byId = new TreeMap<>();
    rows.forEach(r -> byId.put((Long) r.getField("id"), r.getField("v")));
    assertThat(byId).as("one live row per key").hasSize(rows.size());
    return byId;
  }
}
