package dev.ingest.jobs.lineage;

import dev.ingest.sinks.runs.SnapshotRunIds;
import java.util.Arrays;
import java.util.Map;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.SnapshotSummary;
import org.apache.iceberg.Table;
import org.apache.iceberg.util.SnapshotUtil;

/**
 * What a run's commits added to a table, read from the snapshot summaries on the {@code main} branch whose
 * {@value SnapshotRunIds#SUMMARY_KEY} names the run (the endpoint sinks trace run ids; the full-refresh publisher
 * names the run it publishes, and its staging commits on the other branch are not counted).
 */
final class TableCommits {
  /**
   * What a run's commits added: bytes and files (data and delete files) and records; zero when none names the run.
   * A commit that names several runs (a run boundary inside one checkpoint interval) counts for each of them.
   */
  record Added(long bytes, long files, long records) {}

  private TableCommits() {}

  static Added of(Table table, String runId) {
    Snapshot current = table.currentSnapshot();
    if (current == null) {
      return new Added(0, 0, 0);
    }
    long bytes = 0;
    long files = 0;
    long records = 0;
    for (Snapshot snapshot : SnapshotUtil.ancestorsOf(current.snapshotId(), table::snapshot)) {
      Map<String, String> summary = snapshot.summary();
      String ids = summary == null ? null : summary.get(SnapshotRunIds.SUMMARY_KEY);
      if (ids == null || Arrays.stream(ids.split(",")).noneMatch(runId::equals)) {
        continue;
      }
      bytes += number(summary, SnapshotSummary.ADDED_FILE_SIZE_PROP);
      files += number(summary, SnapshotSummary.ADDED_FILES_PROP) + number(summary, SnapshotSummary.ADDED_DELETE_FILES_PROP);
      records += number(summary, SnapshotSummary.ADDED_RECORDS_PROP);
    }
    return new Added(bytes, files, records);
  }

  private static long number(Map<String, String> summary, String key) {
    String value = summary.get(key);
    try {
      return value == null ? 0 : Long.parseLong(value);
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
