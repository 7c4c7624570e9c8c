package dev.ingest.jobs.compile;

import dev.ingest.jobs.spec.PipelineSpec;
import dev.ingest.sinks.catalog.Catalogs;
import dev.ingest.sources.secret.SecretStoreProvider;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** Adds a pipeline's job to an environment: its catalog, its fetchers (with the secret reference) and its graph. */
public final class PipelineGraphs {
  private PipelineGraphs() {}

  /** Plans the pipeline's tables and adds its operators to {@code env}, reading credentials through {@code secrets}. */
  public static void addTo(StreamExecutionEnvironment env, PipelineSpec pipeline, SecretStoreProvider secrets,
      PipelineCompiler.Mode mode) throws Exception {
    new PipelineCompiler(Catalogs.loader(pipeline.name(), pipeline.destination(), new StoreCatalogSecrets(secrets)),
        FetcherFactories.forPipeline(pipeline, secrets)).compile(env, pipeline, mode);
  }
}
