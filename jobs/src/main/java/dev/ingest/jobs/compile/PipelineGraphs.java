package dev.ingest.jobs.compile;

import dev.ingest.jobs.spec.PipelineSpec;
import dev.ingest.sinks.catalog.Catalogs;
import dev.ingest.sinks.catalog.LegacyCatalogTables;
import dev.ingest.sources.fetch.PageFetcherFactory;
import dev.ingest.sources.secret.SecretStoreProvider;
import java.util.function.UnaryOperator;
import org.apache.iceberg.flink.CatalogLoader;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Adds a pipeline's job to an environment: its catalog (under {@link Catalogs#catalogName}, the name every command
 * opens it under; tables older versions registered under the pipeline's name are moved first), its fetchers (with
 * the secret reference) and its graph.
 */
public final class PipelineGraphs {
  private PipelineGraphs() {}

  /** Plans the pipeline's tables and adds its operators to {@code env}, reading credentials through {@code secrets}. */
  public static void addTo(StreamExecutionEnvironment env, PipelineSpec pipeline, SecretStoreProvider secrets,
      PipelineCompiler.Mode mode) throws Exception {
    addTo(env, pipeline, secrets, mode, UnaryOperator.identity());
  }

  /**
   * As {@link #addTo(StreamExecutionEnvironment, PipelineSpec, SecretStoreProvider, PipelineCompiler.Mode)}, with
   * the pipeline's fetchers passed through {@code decorate} first (chaos runs inject failures this way); the
   * decorated factory is shipped in the job graph, so it must be serializable and hold no secret.
   */
  public static void addTo(StreamExecutionEnvironment env, PipelineSpec pipeline, SecretStoreProvider secrets,
      PipelineCompiler.Mode mode, UnaryOperator<PageFetcherFactory> decorate) throws Exception {
    addTo(env, pipeline, secrets, mode, decorate, UnaryOperator.identity(), false);
  }

  /**
   * As above, with the pipeline's catalog loader passed through {@code decorateCatalog} as well (chaos runs inject
   * commit failures this way; the decorated loader is shipped in the job graph like the fetchers). With
   * {@code evolveWithinRun} a field first seen during a run fails the job with a {@link NewColumnsException} after
   * adding its column, and the caller must rebuild and resume (see {@link PipelineCompiler#evolveColumnsWithinRun}).
   */
  public static void addTo(StreamExecutionEnvironment env, PipelineSpec pipeline, SecretStoreProvider secrets,
      PipelineCompiler.Mode mode, UnaryOperator<PageFetcherFactory> decorate,
      UnaryOperator<CatalogLoader> decorateCatalog, boolean evolveWithinRun) throws Exception {
    StoreCatalogSecrets catalogSecrets = new StoreCatalogSecrets(secrets);
    LegacyCatalogTables.adopt(pipeline.destination(), catalogSecrets, pipeline.name());
    CatalogLoader catalog = Catalogs.loader(pipeline.destination(), catalogSecrets);
    new PipelineCompiler(decorateCatalog.apply(catalog), decorate.apply(FetcherFactories.forPipeline(pipeline, secrets)))
        .evolveColumnsWithinRun(evolveWithinRun)
        .compile(env, pipeline, mode);
  }
}
