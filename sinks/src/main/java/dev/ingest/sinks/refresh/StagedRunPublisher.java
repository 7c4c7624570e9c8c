package dev.ingest.sinks.refresh;

import dev.ingest.sinks.schema.MetadataColumns;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.OverwriteFiles;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.util.SnapshotUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes a full-refresh run: replaces everything on the table's {@code main} branch with the run's rows, in one
 * Iceberg commit, once all of them are committed on the staging branch.
 *
 * <p>How a full refresh stays atomic across checkpoints: the Flink sink of a full-refresh endpoint appends to the
 * branch {@value #STAGING_BRANCH}, never to {@code main}, so readers of {@code main} keep seeing the previous run
 * while the new one is written over any number of checkpoints. The table is partitioned by
 * {@code identity(_ingest_run_id)} first, so each staged data file belongs to exactly one run. When the run's
 * summary says it succeeded with {@code n} rows and the staged files of that run hold exactly {@code n} rows (the
 * sink commits exactly once, so the count is complete only when every checkpoint of the run is committed), one
 * {@code OverwriteFiles} commit on {@code main} deletes all current files and adds the run's staged files. The
 * check needs no coordination with the sink's committer: calling {@link #publish} early or twice is harmless.
 * Failed runs are never published ({@link #discard} drops their staged rows).
 *
 * <p>A table with the property {@value DeletedRows#KEEP_DELETED} {@code = true} (pipeline option
 * {@code keep_deleted}) keeps history: the same commit also adds the rows of the previous contents whose key the run
 * did not fetch, marked with {@code _ingest_deleted_at} ({@link DeletedRows}).
 */
public final class StagedRunPublisher {

  /** The branch full-refresh sinks write to. */
  public static final String STAGING_BRANCH = "ingest_staging";

  /** Snapshot-summary key with the published run id. */
  public static final String RUN_ID = dev.ingest.sinks.runs.SnapshotRunIds.SUMMARY_KEY;

  /** Table property that turns keeping deleted rows on ({@code true}) or off. */
  public static final String KEEP_DELETED = DeletedRows.KEEP_DELETED;

  /** Table property with the comma-separated key columns rows are matched by when deleted rows are kept. */
  public static final String KEEP_DELETED_KEY = DeletedRows.KEY;

  /** Snapshot-summary key with the published run's start, epoch milliseconds. */
  public static final String RUN_STARTED_AT = "ingest.run-started-at";

  private static final Logger LOG = LoggerFactory.getLogger(StagedRunPublisher.class);

  /** What {@link #publish} did. */
  public enum Outcome {
    /** The run's rows replaced the table's contents. */
    PUBLISHED,
    /** This run (or a later one) is already the table's contents. */
    ALREADY_PUBLISHED,
    /** Not all of the run's rows are committed on the staging branch yet: try again later. */
    INCOMPLETE
  }

  private StagedRunPublisher() {}

  /**
   * Replaces {@code main} with the run's staged rows when they are complete.
   *
   * @param summary extra snapshot-summary entries (pipeline, endpoint) for the publishing commit
   * @throws IllegalStateException when the staging branch holds more rows of the run than it reported
   */
  public static Outcome publish(Table table, StagedRun run, Map<String, String> summary) {
    table.refresh();
    Optional<Snapshot> published = lastPublished(table);
    if (published.isPresent() && supersedes(published.get(), run)) {
      return Outcome.ALREADY_PUBLISHED;
    }
    List<DataFile> staged = stagedFiles(table, run.runId());
    long stagedRows = staged.stream().mapToLong(DataFile::recordCount).sum();
    if (stagedRows < run.rows()) {
      LOG.debug("run {} of {}: {} of {} rows staged so far", run.runId(), table.name(), stagedRows, run.rows());
      return Outcome.INCOMPLETE;
    }
    if (stagedRows > run.rows()) {
      throw new IllegalStateException("run " + run.runId() + " of " + table.name() + " staged " + stagedRows
          + " rows but reported " + run.rows() + "; not publishing it");
    }
    OverwriteFiles overwrite = table.newOverwrite().overwriteByRowFilter(Expressions.alwaysTrue());
    staged.forEach(overwrite::addFile);
    if (DeletedRows.kept(table)) {
      List<DataFile> carried = DeletedRows.write(table, table.snapshot(STAGING_BRANCH), run.runId(),
          run.runStartedAtMillis());
      carried.forEach(overwrite::addFile);
      LOG.info("run {} of {}: carried {} files of rows that disappeared over", run.runId(), table.name(),
          carried.size());
    }
    summary.forEach(overwrite::set);
    overwrite.set(RUN_ID, run.runId());
    overwrite.set(RUN_STARTED_AT, Long.toString(run.runStartedAtMillis()));
    overwrite.commit();
    LOG.info("published run {} of {}: {} rows in {} files", run.runId(), table.name(), stagedRows, staged.size());
    discard(table, run.runId());
    discardOlderRuns(table, run);
    return Outcome.PUBLISHED;
  }

  /**
   * Drops staged files of earlier runs that were never published (failed runs): files of another run whose rows
   * were all ingested before this run started. Runs of one endpoint never overlap, so these can only be older.
   */
  private static void discardOlderRuns(Table table, StagedRun run) {
    if (!table.refs().containsKey(STAGING_BRANCH)) {
      return;
    }
    table.refresh();
    org.apache.iceberg.types.Types.NestedField ingestedAt = table.schema().findField(MetadataColumns.INGESTED_AT);
    long startMicros = run.runStartedAtMillis() * 1000L;
    org.apache.iceberg.DeleteFiles delete = table.newDelete().toBranch(STAGING_BRANCH);
    int dropped = 0;
    try (CloseableIterable<FileScanTask> tasks = table.newScan().useRef(STAGING_BRANCH).planFiles()) {
      for (FileScanTask task : tasks) {
        DataFile file = task.file();
        java.nio.ByteBuffer upper = file.upperBounds() == null ? null : file.upperBounds().get(ingestedAt.fieldId());
        if (upper == null || belongsTo(table, file, run.runId())) {
          continue;
        }
        long maxMicros = org.apache.iceberg.types.Conversions.fromByteBuffer(ingestedAt.type(), upper);
        if (maxMicros < startMicros) {
          delete.deleteFile(file);
          dropped++;
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (dropped > 0) {
      delete.commit();
      LOG.info("dropped {} staged files of unpublished earlier runs of {}", dropped, table.name());
    }
  }

  /** Removes a run's files from the staging branch (after publishing it, or when it failed). */
  public static void discard(Table table, String runId) {
    if (table.refs().containsKey(STAGING_BRANCH)) {
      table.newDelete()
          .toBranch(STAGING_BRANCH)
          .deleteFromRowFilter(Expressions.equal(MetadataColumns.RUN_ID, runId))
          .commit();
    }
  }

  /** The run id of the table's current contents, if a run was ever published. */
  public static Optional<String> publishedRunId(Table table) {
    return lastPublished(table).map(s -> s.summary().get(RUN_ID));
  }

  private static boolean supersedes(Snapshot published, StagedRun run) {
    if (run.runId().equals(published.summary().get(RUN_ID))) {
      return true;
    }
    String startedAt = published.summary().get(RUN_STARTED_AT);
    return startedAt != null && Long.parseLong(startedAt) > run.runStartedAtMillis();
  }

  private static Optional<Snapshot> lastPublished(Table table) {
    Snapshot current = table.currentSnapshot();
    if (current == null) {
      return Optional.empty();
    }
    for (Snapshot s : SnapshotUtil.ancestorsOf(current.snapshotId(), table::snapshot)) {
      if (s.summary().containsKey(RUN_ID)) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }

  /** True only for files written under a run-partitioned spec with exactly this run's partition value. */
  private static boolean belongsTo(Table table, DataFile file, String runId) {
    List<org.apache.iceberg.PartitionField> fields = table.specs().get(file.specId()).fields();
    for (int i = 0; i < fields.size(); i++) {
      org.apache.iceberg.PartitionField field = fields.get(i);
      if (field.transform().isIdentity()
          && MetadataColumns.RUN_ID.equals(table.specs().get(file.specId()).schema().findColumnName(field.sourceId()))) {
        return runId.equals(String.valueOf(file.partition().get(i, Object.class)));
      }
    }
    return false;
  }

  private static List<DataFile> stagedFiles(Table table, String runId) {
    if (!table.refs().containsKey(STAGING_BRANCH)) {
      return List.of();
    }
    List<DataFile> files = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    try (CloseableIterable<FileScanTask> tasks = table.newScan()
        .useRef(STAGING_BRANCH)
        .filter(Expressions.equal(MetadataColumns.RUN_ID, runId))
        .planFiles()) {
      for (FileScanTask task : tasks) {
        if (!task.deletes().isEmpty()) {
          throw new IllegalStateException("staging branch of " + table.name() + " has delete files; it is append-only");
        }
        if (belongsTo(table, task.file(), runId) && seen.add(task.file().location())) {
          files.add(task.file().copy());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return files;
  }
}
