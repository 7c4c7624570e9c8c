package dev.ingest.jobs.compile;

import dev.ingest.jobs.spec.PipelineSpec;
import dev.ingest.jobs.spec.RuntimeOptions;
import dev.ingest.sources.airbyte.ManifestConnector;
import dev.ingest.sources.airbyte.runtime.ManifestFetcherFactory;
import dev.ingest.sources.fetch.PageFetcherFactory;
import dev.ingest.sources.http.ApacheHttpTransport;
import dev.ingest.sources.ratelimit.RateBudgetSettings;
import dev.ingest.sources.runtime.ConnectorPageFetcherFactory;
import dev.ingest.sources.runtime.HttpEnvironment;
import dev.ingest.sources.secret.SecretStoreProvider;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Builds the serializable {@link PageFetcherFactory} a pipeline's source uses: connector, config, secret reference,
 * the pipeline's retry policy and request timeout ({@code runtime:}), the network policy re-checked before
 * every request, and where the credentials' rate budgets live (per JVM, or leased from the control plane).
 */
public final class FetcherFactories {
  private FetcherFactories() {}

  /**
   * The fetcher factory of any pipeline: a manifest pipeline's streams run through the manifest's factory (same
   * HTTP runtime, retry policy, timeout and network policy), others through the connector's.
   */
  public static PageFetcherFactory create(PipelineSpec pipeline, SecretStoreProvider secrets) {
    return create(pipeline, secrets, Optional.empty());
  }

  /** As {@link #create(PipelineSpec, SecretStoreProvider)}, with the rate budgets leased as {@code budget} says. */
  public static PageFetcherFactory create(PipelineSpec pipeline, SecretStoreProvider secrets,
      Optional<RateBudgetSettings> budget) {
    if (pipeline.airbyteManifest().isEmpty()) {
      return forPipeline(pipeline, secrets, budget);
    }
    RuntimeOptions runtime = pipeline.runtime();
    return pipeline.airbyteManifest().get().fetcherFactory(new ManifestFetcherFactory.Settings(
        pipeline.connector().name(), withoutUrlBase(pipeline.config()), pipeline.credentialsSecret().orElse(null),
        secrets, runtime.retry(), environment(runtime, budget), pipeline.network(),
        pipeline.config().get(ManifestConnector.URL_BASE)));
  }

  private static Map<String, String> withoutUrlBase(Map<String, String> config) {
    Map<String, String> copy = new HashMap<>(config);
    copy.remove(ManifestConnector.URL_BASE);
    return copy;
  }

  /** The fetcher factory of a native connector's pipeline. */
  public static ConnectorPageFetcherFactory forPipeline(PipelineSpec pipeline, SecretStoreProvider secrets) {
    return forPipeline(pipeline, secrets, Optional.empty());
  }

  /** The fetcher factory of a native connector's pipeline, with the rate budgets leased as {@code budget} says. */
  public static ConnectorPageFetcherFactory forPipeline(PipelineSpec pipeline, SecretStoreProvider secrets,
      Optional<RateBudgetSettings> budget) {
    RuntimeOptions runtime = pipeline.runtime();
    return new ConnectorPageFetcherFactory(pipeline.connector(), pipeline.config(),
        pipeline.credentialsSecret().orElse(null), secrets, runtime.retry(), environment(runtime, budget))
        .withAddressPolicy(pipeline.network());
  }

  /** The JVM-wide shared HTTP client at the default timeout; a client of the job's own otherwise. */
  private static HttpEnvironment environment(RuntimeOptions runtime, Optional<RateBudgetSettings> budget) {
    HttpEnvironment base = runtime.defaultRequestTimeout() ? HttpEnvironment.system()
        : HttpEnvironment.withTimeouts(ApacheHttpTransport.DEFAULT_CONNECT_TIMEOUT, runtime.requestTimeout());
    return budget.map(b -> HttpEnvironment.withLeasedBudgets(base, b)).orElse(base);
  }
}
