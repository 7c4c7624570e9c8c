package dev.ingest.jobs.compile;

import dev.ingest.jobs.spec.PipelineSpec;
import dev.ingest.sinks.schema.MetadataColumns;
import dev.ingest.sinks.write.IcebergSinks;
import java.util.List;
import org.apache.iceberg.flink.CatalogLoader;

/**
 * Adds one Iceberg sink per endpoint table ({@link IcebergSinks}, uids {@code sink-<endpoint>-…}) at the pipeline's
 * parallelism, written as the endpoint's write mode says; every commit names the runs of its rows
 * ({@code ingest.run-id}, from {@link MetadataColumns#RUN_ID}).
 */
final class SinkTranslator {
  private final CatalogLoader catalogLoader;

  SinkTranslator(CatalogLoader catalogLoader) {
    this.catalogLoader = catalogLoader;
  }

  void translate(ParsedStreams parsed, PipelineSpec pipeline, List<EndpointTable> tables) {
    for (EndpointTable table : tables) {
      IcebergSinks.forRowData(parsed.rows(table.endpoint()))
          .table(catalogLoader, table.identifier())
          .mode(table.writeMode())
          .equalityFieldColumns(table.selection().upsertKey())
          .uidPrefix("sink-" + table.endpoint())
          .setSnapshotProperties(SnapshotProperties.of(pipeline, table.endpoint()))
          .writeParallelism(pipeline.runtime().parallelism())
          .tracingRuns(MetadataColumns.RUN_ID)
          .append();
    }
  }
}
