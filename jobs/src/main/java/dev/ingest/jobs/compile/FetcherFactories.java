package dev.ingest.jobs.compile;

import dev.ingest.jobs.spec.PipelineSpec;
import dev.ingest.jobs.spec.RuntimeOptions;
import dev.ingest.sources.fetch.PageFetcherFactory;
import dev.ingest.sources.http.ApacheHttpTransport;
import dev.ingest.sources.runtime.ConnectorPageFetcherFactory;
import dev.ingest.sources.runtime.HttpEnvironment;
import dev.ingest.sources.secret.SecretStoreProvider;

/**
 * Builds the serializable {@link PageFetcherFactory} a pipeline's source uses: connector, config, secret reference,
 * the pipeline's retry policy and request timeout ({@code runtime:}), and the network policy re-checked before
 * every request.
 */
public final class FetcherFactories {
  private FetcherFactories() {}

  public static ConnectorPageFetcherFactory forPipeline(PipelineSpec pipeline, SecretStoreProvider secrets) {
    RuntimeOptions runtime = pipeline.runtime();
    return new ConnectorPageFetcherFactory(pipeline.connector(), pipeline.config(),
        pipeline.credentialsSecret().orElse(null), secrets, runtime.retry(), environment(runtime))
        .withAddressPolicy(pipeline.network());
  }

  /** The JVM-wide shared HTTP client at the default timeout; a client of the job's own otherwise. */
  private static HttpEnvironment environment(RuntimeOptions runtime) {
    return runtime.defaultRequestTimeout() ? HttpEnvironment.system()
        : HttpEnvironment.withTimeouts(ApacheHttpTransport.DEFAULT_CONNECT_TIMEOUT, runtime.requestTimeout());
  }
}
