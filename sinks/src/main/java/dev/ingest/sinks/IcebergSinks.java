package dev.ingest.sinks;

import java.util.Map;
import java.util.Objects;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.DataStreamSink;
import org.apache.flink.table.data.RowData;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.flink.CatalogLoader;
import org.apache.iceberg.flink.TableLoader;
import org.apache.iceberg.flink.sink.FlinkSink;

/**
 * Appends a stream of rows to one Iceberg table with the v1 {@link FlinkSink}, committing at each completed
 * checkpoint (and at the end of bounded input).
 *
 * <pre>
 *   rows ──▶ [uidPrefix-writer]  × writeParallelism   data files per checkpoint
 *        ──▶ [uidPrefix-committer] × 1                one Iceberg commit per checkpoint, summary carries
 *                                                     flink.job-id / flink.max-committed-checkpoint-id
 *                                                     and the caller's snapshot properties
 * </pre>
 *
 * <p>Deliberately not {@code IcebergSink} nor {@code DynamicIcebergSink}: in Iceberg 1.11.0 both drop new rows
 * when a job restarts without state under the same JobID (apache/iceberg#18098), which application mode with
 * HA and the Kubernetes operator's last-state upgrades do. The v1 sink only trusts the committed checkpoint id
 * of a restored job. {@code IcebergSinksITCase.keepsRowsOfStatelessRestartUnderSameJobId} guards this. The
 * table must exist before the graph is built (see {@code EndpointTables.ensure}); the rows must have the
 * table's row type (see {@code JsonRowConverter.rowType()}).
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
    Objects.requireNonNull(rows, "rows");
    Objects.requireNonNull(loader, "loader");
    Objects.requireNonNull(id, "id");
    if (uidPrefix == null || uidPrefix.isBlank()) {
      throw new IllegalArgumentException("uidPrefix must not be blank: the committer state is keyed by it");
    }
    if (writeParallelism < 1) {
      throw new IllegalArgumentException("writeParallelism must be at least 1, was " + writeParallelism);
    }
    return FlinkSink.forRowData(rows)
        .tableLoader(TableLoader.fromCatalog(loader, id))
        .uidPrefix(uidPrefix)
        .setSnapshotProperties(snapshotProperties == null ? Map.of() : snapshotProperties)
        .writeParallelism(writeParallelism)
        .append();
  }
}
