package dev.ingest.sinks.write;

import dev.ingest.sinks.runs.RunTracingTableLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
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
 * The {@link WriteMode} alone picks which:
 *
 * <pre>{@code
 * IcebergSinks.forRowData(rows).table(catalogLoader, id)
 *     .mode(WriteMode.UPSERT).equalityFieldColumns(List.of("id"))
 *     .uidPrefix("sink-tickets").setSnapshotProperties(props).writeParallelism(2).tracingRuns("_ingest_run_id")
 *     .append();
 * }</pre>
 *
 * <pre>
 *   rows ──▶ [uidPrefix-writer]  × writeParallelism   data files per checkpoint
 *        ──▶ [uidPrefix-committer] × 1                one Iceberg commit per checkpoint, summary carries
 *                                                     flink.job-id / flink.max-committed-checkpoint-id
 *                                                     and the caller's snapshot properties; with
 *                                                     Builder.tracingRuns also ingest.run-id (the run
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

  /** Starts a sink for {@code rows}, which must have the table's row type. */
  public static Builder forRowData(DataStream<RowData> rows) {
    return new Builder(Objects.requireNonNull(rows, "rows"));
  }

  /**
   * Configures one sink, as Iceberg's {@code FlinkSink.Builder} does: the table, the write mode (which alone
   * decides append, upsert or full-refresh staging, see {@link WriteOptions#forMode}), the operator uids and the
   * snapshot summary; {@link #append()} adds it to the stream's environment.
   */
  public static final class Builder {
    private final DataStream<RowData> rows;
    private CatalogLoader loader;
    private TableIdentifier id;
    private WriteMode mode = WriteMode.APPEND;
    private List<String> equalityFields = List.of();
    private String uidPrefix;
    private Map<String, String> snapshotProperties = Map.of();
    private int writeParallelism = 1;
    private String runIdColumn;

    private Builder(DataStream<RowData> rows) {
      this.rows = rows;
    }

    /**
     * The table to write; it must exist before the graph is built.
     *
     * @param catalog serializable catalog loader used on the client and inside the committer
     */
    public Builder table(CatalogLoader catalog, TableIdentifier table) {
      this.loader = Objects.requireNonNull(catalog, "catalog");
      this.id = Objects.requireNonNull(table, "table");
      return this;
    }

    /**
     * How the rows are written; {@link WriteMode#APPEND} unless set. An upsert table must have format version 2
     * and be unpartitioned or partitioned by key columns only (see {@link TableLayout#upsert}).
     */
    public Builder mode(WriteMode writeMode) {
      this.mode = Objects.requireNonNull(writeMode, "writeMode");
      return this;
    }

    /** The key of an upsert (the equality-field columns); must stay empty for the other modes. */
    public Builder equalityFieldColumns(List<String> columns) {
      this.equalityFields = List.copyOf(columns);
      return this;
    }

    /**
     * Stable prefix of the writer/committer operator uids; keep it fixed across job versions so the committer
     * state is restored. Required.
     */
    public Builder uidPrefix(String prefix) {
      this.uidPrefix = prefix;
      return this;
    }

    /** Extra snapshot-summary entries for every commit, e.g. {@code ingest.pipeline}. */
    public Builder setSnapshotProperties(Map<String, String> properties) {
      this.snapshotProperties = properties == null ? Map.of() : properties;
      return this;
    }

    /** Number of parallel writers, at least 1; 1 unless set. */
    public Builder writeParallelism(int parallelism) {
      this.writeParallelism = parallelism;
      return this;
    }

    /**
     * Every commit names the run ids found in the string column {@code column} of the rows it adds
     * ({@code ingest.run-id} in the snapshot summary, see {@code SnapshotRunIds}); off unless set.
     */
    public Builder tracingRuns(String column) {
      this.runIdColumn = Objects.requireNonNull(column, "column");
      return this;
    }

    /** Adds the sink to the stream's environment. */
    public DataStreamSink<?> append() {
      if (loader == null) {
        throw new IllegalStateException("no table: call table(catalog, table) first");
      }
      if (uidPrefix == null || uidPrefix.isBlank()) {
        throw new IllegalArgumentException("uidPrefix must not be blank: the committer state is keyed by it");
      }
      if (writeParallelism < 1) {
        throw new IllegalArgumentException("writeParallelism must be at least 1, was " + writeParallelism);
      }
      WriteOptions options = WriteOptions.forMode(mode, equalityFields);
      if (runIdColumn != null) {
        options = options.tracingRuns(runIdColumn);
      }
      return write(options);
    }

    private DataStreamSink<?> write(WriteOptions options) {
      TableLoader tables = TableLoader.fromCatalog(loader, id);
      FlinkSink.Builder builder = FlinkSink.forRowData(rows)
          .table(loadOnClient(tables))
          .tableLoader(options.traceColumn()
              .<TableLoader>map(column -> new RunTracingTableLoader(tables, column))
              .orElse(tables))
          .uidPrefix(uidPrefix)
          .setSnapshotProperties(snapshotProperties)
          .writeParallelism(writeParallelism);
      if (options.isUpsert()) {
        builder.upsert(true).equalityFieldColumns(options.upsertKey());
      }
      options.targetBranch().ifPresent(builder::toBranch);
      return builder.append();
    }
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
