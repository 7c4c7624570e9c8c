package dev.ingest.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.TreeSet;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;

/**
 * Checks that every snapshot of an append table names, in its summary ({@code ingest.run-id}), exactly the runs of
 * the rows it added, read back with Iceberg's reader.
 */
public final class SnapshotRuns {
  private SnapshotRuns() {}

  /** Asserts it for every snapshot that added rows; returns the union of the named runs. */
  public static Set<String> assertEveryCommitNamesItsRuns(Table table, String runIdColumn) throws Exception {
    table.refresh();
    Set<String> all = new TreeSet<>();
    for (Snapshot snapshot : table.snapshots()) {
      long added = Long.parseLong(snapshot.summary().getOrDefault("added-records", "0"));
      if (added == 0) {
        continue;
      }
      Set<String> runs = new TreeSet<>();
      IcebergGenerics.ScanBuilder scan = IcebergGenerics.read(table).select(runIdColumn);
      scan = snapshot.parentId() == null ? scan.useSnapshot(snapshot.snapshotId())
          : scan.appendsBetween(snapshot.parentId(), snapshot.snapshotId());
      try (CloseableIterable<Record> rows = scan.build()) {
        rows.forEach(r -> runs.add((String) r.getField(runIdColumn)));
      }
      assertThat(snapshot.summary())
          .as("summary of snapshot %s of %s", snapshot.snapshotId(), table.name())
          .containsEntry("ingest.run-id", String.join(",", runs));
      all.addAll(runs);
    }
    return all;
  }
}
