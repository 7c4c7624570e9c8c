package dev.ingest.jobs.compile;

import dev.ingest.jobs.spec.PipelineSpec;
import dev.ingest.sinks.catalog.Catalogs;
import dev.ingest.sinks.catalog.LegacyCatalogTables;
import dev.ingest.sources.secret.SecretStoreProvider;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.iceberg.flink.CatalogLoader;

/**
 * Adds a pipeline's job to an environment: its catalog (under {@link Catalogs#catalogName}, the name every command
 * opens it under; tables older versions registered under the pipeline's name are moved first), its fetchers (with
 * the secret reference) and its graph ({@link PipelineCompiler}).
 */
public final class PipelineGraphs {
  private PipelineGraphs() {}

  /**
   * Plans the pipeline's tables and adds its operators to {@code env}, reading credentials through {@code secrets};
   * {@code options} says whether the job runs once and carries the runner's decorators (see {@link CompileOptions}).
   */
  public static void addTo(StreamExecutionEnvironment env, PipelineSpec pipeline, SecretStoreProvider secrets,
      CompileOptions options) throws Exception {
    StoreCatalogSecrets catalogSecrets = new StoreCatalogSecrets(secrets);
    LegacyCatalogTables.adopt(pipeline.destination(), catalogSecrets, pipeline.name());
    CatalogLoader catalog = Catalogs.loader(pipeline.destination(), catalogSecrets);
    new PipelineCompiler(catalog, FetcherFactories.create(pipeline, secrets, options.rateBudget())).withSecrets(secrets)
        .compile(env, pipeline, options);
  }
}
