package dev.ingest.jobs.compile;

import dev.ingest.jobs.lineage.LineageDataset;
import dev.ingest.jobs.lineage.LineageFunction;
import dev.ingest.jobs.lineage.RunSignal;
import dev.ingest.jobs.spec.PipelineSpec;
import dev.ingest.sources.secret.SecretStoreProvider;
import dev.ingest.sources.template.Template;
import dev.ingest.sources.template.TemplateContext;
import java.util.List;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.flink.CatalogLoader;

/**
 * Adds the lineage operator ({@link LineageFunction}, parallelism 1) when the pipeline has lineage on: it takes the
 * parsing operator's run signals and sends OpenLineage run events. The datasets are fixed here, from the
 * connector's base URL (rendered with the pipeline's config, credentials stripped) and each planned table's
 * location. The job graph holds the receiver's URL and the API key's secret name, never the key.
 */
final class LineageTranslator {
  /** The lineage operator's uid; fixed, its runs in progress are restored by it. */
  static final String UID = "lineage";
  /** How long an end event waits for the run's commits to show, for their byte counts. */
  static final long COMMIT_WAIT_MILLIS = 10_000;

  private final CatalogLoader catalogLoader;
  private final SecretStoreProvider secrets;

  /** @param secrets the store the API key is read from (null when the caller has none) */
  LineageTranslator(CatalogLoader catalogLoader, SecretStoreProvider secrets) {
    this.catalogLoader = catalogLoader;
    this.secrets = secrets;
  }

  void translate(ParsedStreams parsed, PipelineSpec pipeline, List<EndpointTable> tables, Catalog catalog) {
    if (pipeline.lineage().apiKeySecret().isPresent() && secrets == null) {
      throw new IllegalArgumentException("pipeline " + pipeline.name()
          + ": lineage.api_key_secret needs a secret store; compile with PipelineCompiler.withSecrets");
    }
    String baseUrl = Template.parse(pipeline.connector().baseUrl())
        .render(TemplateContext.ofConfig(pipeline.config()));
    List<LineageDataset> datasets = tables.stream()
        .map(t -> LineageDataset.of(t.endpoint(), baseUrl, t.identifier().toString(),
            catalog.loadTable(t.identifier()).location()))
        .toList();
    parsed.runSignals()
        .process(new LineageFunction(pipeline.name(), pipeline.lineage(), pipeline.endpointNames(), datasets,
            catalogLoader, secrets, COMMIT_WAIT_MILLIS))
        .returns(RunSignal.class)
        .name("lineage " + pipeline.name())
        .uid(UID)
        .setParallelism(1)
        .sinkTo(new DiscardingSink<>())
        .name("lineage sent")
        .uid(UID + "-end")
        .setParallelism(1);
  }
}
