package dev.ingest.jobs.compile;

import dev.ingest.jobs.spec.PipelineSpec;
import dev.ingest.jobs.spec.RuntimeOptions;
import dev.ingest.sources.airbyte.ManifestConnector;
import dev.ingest.sources.airbyte.runtime.ManifestFetcherFactory;
import dev.ingest.sources.fetch.PageFetcherFactory;
import dev.ingest.sources.http.ApacheHttpTransport;
import dev.ingest.sources.runtime.ConnectorPageFetcherFactory;
import dev.ingest.sources.runtime.HttpEnvironment;
import dev.ingest.sources.secret.SecretStoreProvider;
import java.util.HashMap;
import java.util.Map;

/**
 * Builds the serializable {@link PageFetcherFactory} a pipeline's source uses: connector, config, secret reference,
 * the pipeline's retry policy and request timeout ({@code runtime:}), and the network policy re-checked before
 * every request.
 */
public final class FetcherFactories {
  private FetcherFactories() {}

  /**
   * The fetcher factory of any pipeline: a manifest pipeline's streams run through the manifest's factory (same
   * HTTP runtime, retry policy, timeout and network policy), others through the connector's.
   */
  public static PageFetcherFactory create(PipelineSpec pipeline, SecretStoreProvider secrets) {
    if (pipeline.airbyteManifest().isEmpty()) {
      return forPipeline(pipeline, secrets);
    }
    RuntimeOptions runtime = pipeline.runtime();
    return pipeline.airbyteManifest().get().fetcherFactory(new ManifestFetcherFactory.Settings(
        pipeline.connector().name(), withoutUrlBase(pipeline.config()), pipeline.credentialsSecret().orElse(null),
        secrets, runtime.retry(), environment(runtime), pipeline.network(),
        pipeline.config().get(ManifestConnector.URL_BASE)));
  }

  private static Map<String, String> withoutUrlBase(Map<String, String> config) {
    Map<String, String> copy = new HashMap<>(config);
    copy.remove(ManifestConnector.URL_BASE);
    return copy;
  }

  /** The fetcher factory of a native connector's pipeline. */
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
