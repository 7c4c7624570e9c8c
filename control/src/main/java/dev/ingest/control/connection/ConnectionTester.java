package dev.ingest.control.connection;

import dev.ingest.jobs.compile.FetcherFactories;
import dev.ingest.jobs.spec.PipelineSpec;
import dev.ingest.sources.airbyte.runtime.ManifestFetcherFactory;
import dev.ingest.sources.retry.RetryPolicy;
import dev.ingest.sources.runtime.ConnectorClient;
import dev.ingest.sources.runtime.ConnectorPageFetcherFactory;
import dev.ingest.sources.runtime.EndpointCheck;
import dev.ingest.sources.fetch.PageFetcherFactory;
import dev.ingest.sources.secret.SecretStoreProvider;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Fetches the first page of each of a pipeline's endpoints through the fetcher factory a run of it would use
 * ({@link FetcherFactories}, so a manifest's streams go through the manifest's factory: authenticator, request
 * templates, records path, the request timeout of its runtime and the network policy it was validated with), with short retries ({@link #RETRIES}) so an answer comes quickly,
 * and rate limiters and OAuth sessions of the test's own ({@link IsolatedEnvironment}).
 * Endpoints are tested one after another; one not started within {@link #TIME} is reported as not tested, so a slow
 * API cannot hold the caller for long.
 */
public final class ConnectionTester {
  /** What a test retries: 3 attempts, at most 30 s of waits (as {@code ./ingest check}). */
  public static final RetryPolicy RETRIES = RetryPolicy.defaults().withMaxAttempts(3)
      .withTotalBudget(Duration.ofSeconds(30));
  /** How long endpoints may still be started after the first. */
  public static final Duration TIME = Duration.ofSeconds(60);

  private final Clock clock;

  public ConnectionTester(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * The outcome of a test.
   *
   * @param checks the tested endpoints' outcomes, in the pipeline's order
   * @param notTested the endpoints not started because {@link #TIME} had passed
   */
  public record Result(List<EndpointCheck> checks, List<String> notTested) {
    public Result {
      checks = List.copyOf(checks);
      notTested = List.copyOf(notTested);
    }

    /** True when every endpoint was tested and its first page fetched. */
    public boolean ok() {
      return notTested.isEmpty() && checks.stream().allMatch(EndpointCheck::ok);
    }
  }

  /** Tests every endpoint of {@code pipeline}, its credential read from {@code secrets}; never throws for an API failure. */
  public Result test(PipelineSpec pipeline, SecretStoreProvider secrets) throws InterruptedException {
    ConnectorClient client = new ConnectorClient(isolated(FetcherFactories.create(pipeline, secrets)));
    Instant until = clock.instant().plus(TIME);
    List<EndpointCheck> checks = new ArrayList<>();
    List<String> notTested = new ArrayList<>();
    for (String endpoint : pipeline.endpointNames()) {
      if (!checks.isEmpty() && clock.instant().isAfter(until)) {
        notTested.add(endpoint);
      } else {
        checks.addAll(client.check(List.of(endpoint)));
      }
    }
    return new Result(checks, notTested);
  }

  /** The run's factory (a manifest's or a native connector's) with the test's retries and its own environment. */
  private static PageFetcherFactory isolated(PageFetcherFactory run) {
    if (run instanceof ManifestFetcherFactory manifest) {
      return manifest.withRuntime(RETRIES, new IsolatedEnvironment(manifest.environment()));
    }
    ConnectorPageFetcherFactory connector = (ConnectorPageFetcherFactory) run;
    return connector.withRuntime(RETRIES, new IsolatedEnvironment(connector.environment()));
  }
}
