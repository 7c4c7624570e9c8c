package dev.ingest.sinks;

import dev.ingest.sinks.runs.RunTracingTableLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Objects;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.DataStreamSink;
import org.apache.flink.table.data.RowData;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.flink.CatalogLoader;
import org.apache.iceberg.flink.TableLoader;
import org.apache.iceberg.flink.sink.FlinkSink;

/**
 * Writes a stream of rows to one Iceberg table with the v1 {@link FlinkSink}, committing at each completed
 * checkpoint (and at the end of bounded input): appends, upserts by key (equality deletes; the sink keys the
 * stream by the equality columns, so all versions of a key meet in one writer and, within one checkpoint, the
 * later row replaces the earlier one with a position delete), or appends to a branch (full-refresh staging).
 *
 * <pre>
 *   rows ──▶ [uidPrefix-writer]  × writeParallelism   data files per checkpoint
 *        ──▶ [uidPrefix-committer] × 1                one Iceberg commit per checkpoint, summary carries
 *                                                     flink.job-id / flink.max-committed-checkpoint-id
 *                                                     and the caller's snapshot properties; with
 *                                                     WriteOptions.tracingRuns also ingest.run-id (the run
 *                                                     ids of the rows it adds, see RunTracingTableLoader)
 * </pre>
 *
 * <p>Deliberately not {@code IcebergSink} nor {@code DynamicIcebergSink}: in Iceberg 1.11.0 both drop new rows
 * when a job restarts without state under the same JobID (apache/iceberg#18098), which application mode with
 * HA and the Kubernetes operator's last-state upgrades do. The v1 sink only trusts the committed checkpoint id
 * of a restored job. {@code IcebergSinksITCase.keepsRowsOfStatelessRestartUnderSameJobId} guards this. The
 * table must exist before the graph is built (see {@code EndpointTables.ensure}); the rows must have the
 * table's row type (see {@code JsonRowConverter.rowType()}).
 *
 * <p>Bounded inputs: end the input only after a completed checkpoint covered every row (as {@code ApiSource} does
 * with {@code endInputAfterCheckpoint}). The v1 committer keys pending manifests by checkpoint id and uses
 * {@code Long.MAX_VALUE} at end of input; a checkpoint between a writer's and the committer's {@code endInput}
 * makes the committer replace that manifest with an empty one, and the writer's last rows are lost.
 */
public final class IcebergSinks {

  private IcebergSinks() {}

  /**
   * Adds the sink.
   *
   * @param loader serializable catalog loader used on the client and inside the committer
   * @param uidPrefix stable prefix of the writer/committer operator uids; keep it fixed across job versions so
   *     the committer state is restored
   * @param snapshotProperties extra snapshot-summary entries for every commit, e.g. {@code ingest.pipeline}
   * @param writeParallelism number of parallel writers, at least 1
   */
  public static DataStreamSink<?> append(
      DataStream<RowData> rows,
      CatalogLoader loader,
      TableIdentifier id,
      String uidPrefix,
      Map<String, String> snapshotProperties,
      int writeParallelism) {
    return write(rows, loader, id, uidPrefix, snapshotProperties, writeParallelism, WriteOptions.append());
  }

  /**
   * Adds the sink with the given write options; see {@link #append} for the other parameters. An upsert table
   * must have format version 2 and be unpartitioned or partitioned by key columns only (see
   * {@code TableLayout.upsert}).
   */
  public static DataStreamSink<?> write(
      DataStream<RowData> rows,
      CatalogLoader loader,
      TableIdentifier id,
      String uidPrefix,
      Map<String, String> snapshotProperties,
      int writeParallelism,
      WriteOptions options) {
    Objects.requireNonNull(options, "options");
    Objects.requireNonNull(rows, "rows");
    Objects.requireNonNull(loader, "loader");
    Objects.requireNonNull(id, "id");
    if (uidPrefix == null || uidPrefix.isBlank()) {
      throw new IllegalArgumentException("uidPrefix must not be blank: the committer state is keyed by it");
    }
    if (writeParallelism < 1) {
      throw new IllegalArgumentException("writeParallelism must be at least 1, was " + writeParallelism);
    }
    TableLoader tables = TableLoader.fromCatalog(loader, id);
    FlinkSink.Builder builder = FlinkSink.forRowData(rows)
        .table(loadOnClient(tables))
        .tableLoader(options.traceColumn()
            .<TableLoader>map(column -> new RunTracingTableLoader(tables, column))
            .orElse(tables))
        .uidPrefix(uidPrefix)
        .setSnapshotProperties(snapshotProperties == null ? Map.of() : snapshotProperties)
        .writeParallelism(writeParallelism);
    if (options.isUpsert()) {
      builder.upsert(true).equalityFieldColumns(options.upsertKey());
    }
    options.targetBranch().ifPresent(builder::toBranch);
    return builder.append();
  }

  /** The table the writers are configured from (the committer loads its own through the loader). */
  private static Table loadOnClient(TableLoader tables) {
    try (TableLoader client = tables.clone()) {
      client.open();
      return client.loadTable();
    } catch (IOException e) {
      throw new UncheckedIOException("could not close the table loader of " + tables, e);
    }
  }
}
