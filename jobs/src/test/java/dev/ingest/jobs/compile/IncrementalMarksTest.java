package dev.ingest.jobs.compile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ingest.sinks.runs.RunRow;
import dev.ingest.sinks.runs.RunsTable;
import dev.ingest.sinks.testing.RowWrites;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.hadoop.HadoopCatalog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IncrementalMarksTest {
  @TempDir Path dir;

  private static RunRow run(String endpoint, long startedAt, String status, String cursorEnd) {
    return new RunRow("r" + startedAt, endpoint, startedAt, startedAt, startedAt + 10, 10, 1, 1, 1, 1, 0, 0, 0, 0,
        status, null, null, null, cursorEnd);
  }

  @Test
  void theLatestSucceededRunOfEachEndpointSetsItsMark() {
    Table runs = RunsTable.ensure(new HadoopCatalog(new Configuration(), dir.toString()),
        TableIdentifier.of("p", RunsTable.NAME));
    RowWrites.append(runs, List.of(
        RunsTable.toRow(run("tasks", 1_000, "SUCCEEDED", "2026-01-01T00:00:00Z")),
        RunsTable.toRow(run("tasks", 3_000, "SUCCEEDED", "2026-01-03T00:00:00Z")),
        RunsTable.toRow(run("users", 1_000, "SUCCEEDED", "17")),
        RunsTable.toRow(run("other", 1_000, "SUCCEEDED", "5"))));
    RowWrites.append(runs, List.of(
        RunsTable.toRow(run("tasks", 2_000, "SUCCEEDED", "2026-01-02T00:00:00Z")),
        // later runs that failed (no mark) or carry a bogus one never move the mark
        RunsTable.toRow(run("tasks", 4_000, "FAILED", null)),
        RunsTable.toRow(run("users", 4_000, "FAILED", "99")),
        RunsTable.toRow(run("users", 5_000, "SUCCEEDED", null))));

    Map<String, String> marks = IncrementalMarks.latest(runs, Set.of("tasks", "users", "projects"));

    assertThat(marks).isEqualTo(Map.of("tasks", "2026-01-03T00:00:00Z", "users", "17"));
  }

  @Test
  void aRunsTableWithoutRowsGivesNoMarks() {
    Table runs = RunsTable.ensure(new HadoopCatalog(new Configuration(), dir.toString()),
        TableIdentifier.of("p", RunsTable.NAME));

    assertThat(IncrementalMarks.latest(runs, Set.of("tasks"))).isEmpty();
  }
}
