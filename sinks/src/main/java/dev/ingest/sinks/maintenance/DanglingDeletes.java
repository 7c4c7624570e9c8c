package dev.ingest.sinks.maintenance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.iceberg.DeleteFile;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.ManifestFile;
import org.apache.iceberg.ManifestFiles;
import org.apache.iceberg.ManifestReader;
import org.apache.iceberg.RewriteFiles;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.io.CloseableIterable;

/**
 * Removes a table's dangling delete files: live delete files that Iceberg's own scan planning applies to no live
 * data file. Compaction leaves them: it gives rewritten files the sequence number of the snapshot it started from
 * (so deletes committed meanwhile still apply), and Iceberg drops only deletes older than the lowest sequence
 * number its data manifests still record, deleted entries included, so the equality deletes of the newest upsert
 * commits stay behind although they delete nothing. One {@code RewriteFiles} commit validated from the snapshot the
 * files were found in, so a concurrent commit that could make one apply again fails it instead.
 */
public final class DanglingDeletes {
  private DanglingDeletes() {}

  /** The live delete files of {@code table}'s current snapshot that apply to no live data file. */
  public static List<DeleteFile> find(Table table) {
    Snapshot snapshot = table.currentSnapshot();
    if (snapshot == null) {
      return List.of();
    }
    Set<String> applied = new HashSet<>();
    try (CloseableIterable<FileScanTask> tasks = table.newScan().useSnapshot(snapshot.snapshotId()).planFiles()) {
      for (FileScanTask task : tasks) {
        task.deletes().forEach(d -> applied.add(d.location()));
      }
      List<DeleteFile> dangling = new ArrayList<>();
      for (ManifestFile manifest : snapshot.deleteManifests(table.io())) {
        try (ManifestReader<DeleteFile> reader = ManifestFiles.readDeleteManifest(manifest, table.io(),
            table.specs())) {
          for (DeleteFile file : reader) {
            if (!applied.contains(file.location())) {
              dangling.add(file.copyWithoutStats());
            }
          }
        }
      }
      return dangling;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot plan " + table.name() + ": " + e.getMessage(), e);
    }
  }

  /** Removes the dangling delete files in one commit; returns how many it removed (0: no commit). */
  public static int remove(Table table) {
    table.refresh();
    List<DeleteFile> dangling = find(table);
    if (dangling.isEmpty()) {
      return 0;
    }
    RewriteFiles rewrite = table.newRewrite().validateFromSnapshot(table.currentSnapshot().snapshotId());
    dangling.forEach(rewrite::deleteFile);
    rewrite.set("ingest.maintenance", "dangling-deletes").commit();
    return dangling.size();
  }
}
