package dev.ingest.sinks.read;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Set;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.SnapshotSummary;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;

/**
 * A table's live row count: what a reader of its current snapshot sees. Without delete files that is the snapshot
 * summary's {@code total-records}; with equality or position deletes (upsert tables) {@code total-records} still
 * counts every row ever added, so the rows are counted with Iceberg's reader, which applies the deletes (reading
 * only the identifier columns, plus what the delete files need).
 */
public final class LiveRows {
  private LiveRows() {}

  /** The live rows of the table's current snapshot; 0 for a table without snapshots. */
  public static long count(Table table) {
    Snapshot current = table.currentSnapshot();
    if (current == null) {
      return 0;
    }
    Map<String, String> summary = current.summary();
    if (count(summary, SnapshotSummary.TOTAL_EQ_DELETES_PROP) == 0
        && count(summary, SnapshotSummary.TOTAL_POS_DELETES_PROP) == 0
        && summary.containsKey(SnapshotSummary.TOTAL_RECORDS_PROP)) {
      return count(summary, SnapshotSummary.TOTAL_RECORDS_PROP);
    }
    return scan(table);
  }

  private static long scan(Table table) {
    Set<String> keys = table.schema().identifierFieldNames();
    IcebergGenerics.ScanBuilder scan = IcebergGenerics.read(table);
    if (!keys.isEmpty()) {
      scan = scan.select(keys.toArray(String[]::new));
    }
    long rows = 0;
    try (CloseableIterable<Record> it = scan.build()) {
      for (Record ignored : it) {
        rows++;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot count the rows of " + table.name(), e);
    }
    return rows;
  }

  private static long count(Map<String, String> summary, String key) {
    return Long.parseLong(summary.getOrDefault(key, "0"));
  }
}
