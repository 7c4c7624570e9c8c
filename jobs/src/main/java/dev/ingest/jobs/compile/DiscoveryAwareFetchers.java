package dev.ingest.jobs.compile;

import dev.ingest.sources.fetch.EndpointException;
import dev.ingest.sources.fetch.ErrorClass;
import dev.ingest.sources.fetch.FetchStats;
import dev.ingest.sources.fetch.FetchTarget;
import dev.ingest.sources.fetch.Page;
import dev.ingest.sources.fetch.PageCursor;
import dev.ingest.sources.fetch.PageFetcher;
import dev.ingest.sources.fetch.PageFetcherFactory;
import java.io.Serializable;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The source's fetcher factory, told what schema discovery at job start did ({@link TablePlan}):
 *
 * <ul>
 *   <li>an endpoint whose discovery failed gets a fetcher that fails its run at once, without a request, with the
 *       discovery's error class and message. So the job's own run records it in {@code _ingest_runs} as
 *       {@code FAILED} (same run id as the other endpoints, so {@code run --once} reports it and exits 1), while
 *       it has no table, no converter and no sink in the graph. A scheduled job reports it so at every run until
 *       the job restarts and discovers again;
 *   <li>an endpoint whose discovery succeeded has the discovery's requests, retries, rate-limit answers, bytes and
 *       waits added to the stats of the first page of the job's first run, so that run's row counts every request
 *       made for it. The first run is the one with sequence {@code 000001} in its id ({@link #isFirstRun}); a split
 *       restored before that page was checkpointed fetches the page again and adds them again, exactly as its
 *       restored counters need.
 * </ul>
 *
 * Serializable like the factory it wraps; it holds error classes, redacted messages and counts, never a secret.
 */
final class DiscoveryAwareFetchers implements PageFetcherFactory {
  private static final long serialVersionUID = 1L;

  /** The prefix of the message a failed discovery's run row carries. */
  static final String FAILED_PREFIX = "schema discovery at job start failed (the endpoint has no table until a job"
      + " start discovers it): ";

  private final PageFetcherFactory delegate;
  private final Map<String, Failure> failures;
  private final Map<String, Cost> costs;

  /** A discovery failure, reduced to what the run row shows. */
  private record Failure(ErrorClass errorClass, int httpStatus, String message, Cost cost) implements Serializable {}

  /** {@link FetchStats} in serializable form. */
  private record Cost(int requests, int retries, int throttled, long bytes, long waitedMillis) implements Serializable {
    static Cost of(FetchStats s) {
      return new Cost(s.requests(), s.retries(), s.throttled(), s.bytes(), s.waitedMillis());
    }

    FetchStats stats() {
      return new FetchStats(requests, retries, throttled, bytes, waitedMillis);
    }
  }

  DiscoveryAwareFetchers(PageFetcherFactory delegate, TablePlan plan) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
    Map<String, Failure> failed = new HashMap<>();
    plan.failed().forEach((endpoint, e) -> failed.put(endpoint, new Failure(e.errorClass(), e.httpStatus(),
        e.getMessage() == null ? e.errorClass().name() : e.getMessage(), Cost.of(e.stats()))));
    Map<String, Cost> spent = new HashMap<>();
    plan.discoveryCosts().forEach((endpoint, stats) -> spent.put(endpoint, Cost.of(stats)));
    this.failures = Map.copyOf(failed);
    this.costs = Map.copyOf(spent);
  }

  @Override
  public PageFetcher open(FetchTarget target) throws EndpointException {
    Failure failure = failures.get(target.endpoint());
    if (failure != null) {
      FetchStats cost = countsDiscovery(target) ? failure.cost().stats() : FetchStats.NONE;
      return cursor -> {
        throw new EndpointException(failure.errorClass(), failure.httpStatus(), FAILED_PREFIX + failure.message(),
            null, cost);
      };
    }
    PageFetcher fetcher = delegate.open(target);
    Cost cost = costs.get(target.endpoint());
    return cost == null || !countsDiscovery(target) ? fetcher : new FirstPageCounting(fetcher, cost.stats());
  }

  @Override
  public boolean hasParent(String endpoint) {
    return delegate.hasParent(endpoint);
  }

  /** Whether the split fetches the endpoint's first request of the job's first run (never a per-parent part). */
  private static boolean countsDiscovery(FetchTarget target) {
    return target.scope() != FetchTarget.Scope.ONE_PARENT && isFirstRun(target.runId());
  }

  /**
   * Whether the run is a job's first: run ids end with a sequence number that is {@code 000001} for the first run
   * of a job (see docs/pipelines.md, "Run ids"); a restored job keeps counting.
   */
  static boolean isFirstRun(String runId) {
    return runId.endsWith("-000001");
  }

  /** Adds the discovery's cost to the stats of the first page fetched from {@link PageCursor#first()}. */
  private static final class FirstPageCounting implements PageFetcher {
    private final PageFetcher fetcher;
    private FetchStats pending;

    FirstPageCounting(PageFetcher fetcher, FetchStats cost) {
      this.fetcher = fetcher;
      this.pending = cost;
    }

    @Override
    public Page fetch(PageCursor cursor) throws EndpointException, InterruptedException {
      Page page = fetcher.fetch(cursor);
      if (pending == null || !(cursor instanceof PageCursor.First)) {
        return page;
      }
      FetchStats cost = pending;
      pending = null;
      return new Page(page.slices(), page.next(), page.stats().plus(cost), page.cursorMax(), Optional.empty());
    }

    @Override
    public void close() {
      fetcher.close();
    }
  }
}
