package dev.ingest.jobs.compile;

import dev.ingest.jobs.spec.PipelineSpec;
import dev.ingest.sources.fetch.PageFetcherFactory;
import dev.ingest.sources.source.event.ApiEvent;
import dev.ingest.sources.source.ApiSource;
import dev.ingest.sources.source.ApiSourceBuilder;
import java.util.Map;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Adds a pipeline's {@link ApiSource} to the environment: bounded, ending its input after a checkpoint covered every
 * record, for {@link CompileOptions.Mode#ONCE}; on the pipeline's schedule otherwise. Every endpoint of the pipeline
 * runs, also one whose schema discovery failed: its fetcher fails its run at once, so the run records it as
 * {@code FAILED} with the run's own id (see {@link DiscoveryAwareFetchers}). A scheduled job given run-request
 * settings also polls the control plane for "Run now" requests and runs them as its own runs.
 */
final class SourceTranslator {
  /** The source's operator uid; fixed, the reader and enumerator state are restored by it. */
  static final String UID = "api-source";

  private final CompileOptions options;

  SourceTranslator(CompileOptions options) {
    this.options = options;
  }

  /**
   * @param fetchers the factory the source's readers fetch pages with
   * @param startCursors endpoint → the incremental cursor to start from (see {@link IncrementalMarks})
   */
  DataStream<ApiEvent> translate(StreamExecutionEnvironment env, PipelineSpec pipeline, PageFetcherFactory fetchers,
      Map<String, String> startCursors) {
    ApiSourceBuilder builder = ApiSource.builder()
        .pipeline(pipeline.name())
        .endpoints(pipeline.endpointNames())
        .fetchers(fetchers)
        .startCursors(startCursors);
    ApiSource source = options.mode() == CompileOptions.Mode.ONCE
        ? builder.bounded().endInputAfterCheckpoint().build()
        : builder.schedule(pipeline.schedule()).runOnStart(options.runOnStart())
            .runRequests(options.runRequests().orElse(null)).build();
    return env.fromSource(source, WatermarkStrategy.noWatermarks(), "api " + pipeline.name())
        .uid(UID)
        .setParallelism(pipeline.runtime().parallelism());
  }
}
