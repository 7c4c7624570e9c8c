package dev.ingest.jobs.compile;

import dev.ingest.jobs.spec.PipelineSpec;
import dev.ingest.sinks.write.WriteMode;
import java.util.Map;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.flink.CatalogLoader;

/**
 * Adds the publisher of full-refresh endpoints ({@link FullRefreshPublishFunction}, parallelism 1) when the pipeline
 * has any: their sinks stage each run on a branch, and the publisher swaps a finished run into {@code main} at
 * checkpoint completion.
 */
final class PublishTranslator {
  /** The publisher's operator uid; fixed, its pending completions are restored by it. */
  static final String UID = "publish-full-refresh";

  private final CatalogLoader catalogLoader;

  PublishTranslator(CatalogLoader catalogLoader) {
    this.catalogLoader = catalogLoader;
  }

  /** @param fullRefresh endpoint → table of the full-refresh endpoints; nothing is added when empty */
  void translate(ParsedStreams parsed, PipelineSpec pipeline, Map<String, TableIdentifier> fullRefresh) {
    if (fullRefresh.isEmpty()) {
      return;
    }
    parsed.completions()
        .process(new FullRefreshPublishFunction(catalogLoader, fullRefresh,
            Map.of("ingest.pipeline", pipeline.name(), "ingest.write-mode", WriteMode.FULL_REFRESH.yamlName())))
        .returns(RunCompletion.class)
        .name("publish full refresh " + pipeline.name())
        .uid(UID)
        .setParallelism(1)
        .sinkTo(new DiscardingSink<>())
        .name("published")
        .uid(UID + "-end")
        .setParallelism(1);
  }
}
