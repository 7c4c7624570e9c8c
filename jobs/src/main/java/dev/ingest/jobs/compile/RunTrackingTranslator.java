package dev.ingest.jobs.compile;

import dev.ingest.jobs.spec.PipelineSpec;
import dev.ingest.sinks.deadletter.DeadLetterTable;
import dev.ingest.sinks.runs.RunsTable;
import dev.ingest.sinks.tables.EndpointTables;
import dev.ingest.sinks.write.IcebergSinks;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.table.data.RowData;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.flink.CatalogLoader;

/**
 * The pipeline's run-tracking tables, {@code _ingest_runs} (one row per endpoint run) and
 * {@code _ingest_dead_letters}: creates them before the graph is built and adds one appending sink each
 * ({@code sink-runs}, {@code sink-dead-letters}, one writer), whose commits name the runs they hold.
 */
final class RunTrackingTranslator {
  /** The run-id column of the runs and dead-letter tables. */
  private static final String RUN_ID_COLUMN = "run_id";

  private final CatalogLoader catalogLoader;

  RunTrackingTranslator(CatalogLoader catalogLoader) {
    this.catalogLoader = catalogLoader;
  }

  /** Creates the tables if missing (their schemas are fixed). */
  void ensureTables(Catalog catalog, PipelineSpec pipeline) {
    EndpointTables.ensureFixed(catalog, runsId(pipeline), RunsTable.schema());
    EndpointTables.ensureFixed(catalog, deadLettersId(pipeline), DeadLetterTable.schema());
  }

  void translate(ParsedStreams parsed, PipelineSpec pipeline) {
    write(parsed.runs(), runsId(pipeline), "sink-runs", pipeline, RunsTable.NAME);
    write(parsed.deadLetters(), deadLettersId(pipeline), "sink-dead-letters", pipeline, DeadLetterTable.NAME);
  }

  private void write(DataStream<RowData> rows, TableIdentifier id, String uidPrefix, PipelineSpec pipeline,
      String table) {
    IcebergSinks.forRowData(rows)
        .table(catalogLoader, id)
        .uidPrefix(uidPrefix)
        .setSnapshotProperties(SnapshotProperties.of(pipeline, table))
        .writeParallelism(1)
        .tracingRuns(RUN_ID_COLUMN)
        .append();
  }

  private static TableIdentifier runsId(PipelineSpec pipeline) {
    return TableIdentifier.of(Namespace.of(pipeline.name()), RunsTable.NAME);
  }

  private static TableIdentifier deadLettersId(PipelineSpec pipeline) {
    return TableIdentifier.of(Namespace.of(pipeline.name()), DeadLetterTable.NAME);
  }
}
