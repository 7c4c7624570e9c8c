package dev.ingest.jobs.compile;

import dev.ingest.jobs.spec.PipelineSpec;
import dev.ingest.sources.http.PageFetcherFactory;
import dev.ingest.sources.runtime.ConnectorPageFetcherFactory;
import dev.ingest.sources.secret.SecretStoreProvider;

/**
 * Builds the serializable {@link PageFetcherFactory} a pipeline's source uses: connector, config, secret reference,
 * and the network policy re-checked before every request.
 */
public final class FetcherFactories {
  private FetcherFactories() {}

  public static PageFetcherFactory forPipeline(PipelineSpec pipeline, SecretStoreProvider secrets) {
    return new ConnectorPageFetcherFactory(
        pipeline.connector(), pipeline.config(), pipeline.credentialsSecret().orElse(null), secrets)
        .withAddressPolicy(pipeline.network());
  }
}
