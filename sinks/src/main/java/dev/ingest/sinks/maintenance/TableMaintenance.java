package dev.ingest.sinks.maintenance;

import java.time.Clock;
import java.time.Duration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.actions.RewriteDataFilesActionResult;
import org.apache.iceberg.flink.actions.Actions;

/**
 * Keeps a table healthy: compacts small data files (Iceberg's Flink {@code RewriteDataFilesAction}, run as a
 * small batch job on the given environment) and expires old snapshots (their unreferenced files are deleted),
 * keeping at least {@code retainLast} snapshots. Streaming commits every checkpoint make many small files; this is
 * what {@code ./ingest maintain} runs per table.
 */
public final class TableMaintenance {
  private final StreamExecutionEnvironment env;
  private final Clock clock;

  public TableMaintenance(StreamExecutionEnvironment env, Clock clock) {
    this.env = env;
    this.clock = clock;
  }

  /** What one table's maintenance did. */
  public record Result(String table, int filesRewritten, int filesAdded, int snapshotsBefore, int snapshotsAfter) {}

  /**
   * Compacts, then expires snapshots older than {@code retention} (keeping {@code retainLast}).
   *
   * @param targetFileSizeBytes compaction target size
   */
  public Result maintain(Table table, long targetFileSizeBytes, Duration retention, int retainLast) {
    table.refresh();
    int before = count(table);
    int rewritten = 0;
    int added = 0;
    if (table.currentSnapshot() != null) {
      RewriteDataFilesActionResult result = Actions.forTable(env, table)
          .rewriteDataFiles()
          .targetSizeInBytes(targetFileSizeBytes)
          .execute();
      rewritten = result.deletedDataFiles().size();
      added = result.addedDataFiles().size();
      table.refresh();
      table.expireSnapshots()
          .expireOlderThan(clock.millis() - retention.toMillis())
          .retainLast(retainLast)
          .commit();
      table.refresh();
    }
    return new Result(table.name(), rewritten, added, before, count(table));
  }

  private static int count(Table table) {
    int n = 0;
    for (Snapshot ignored : table.snapshots()) {
      n++;
    }
    return n;
  }
}
