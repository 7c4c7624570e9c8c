package dev.ingest.sources.runtime;

import dev.ingest.sources.auth.Authenticator;
import dev.ingest.sources.fetch.EndpointException;
import dev.ingest.sources.fetch.ErrorClass;
import dev.ingest.sources.http.ApiRequest;
import dev.ingest.sources.records.RecordSelector;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Requests pages of a random-access endpoint ahead of the reader, at most {@code parallel} at once, on threads of
 * its own; the fetcher still hands pages out in order, so checkpoints stay exact. Every request goes through the
 * same {@link RequestExecutor} (rate limit, auth, retries), so read-ahead never exceeds the credential's budget.
 * Used by one fetcher; {@link #close} cancels what is in flight. Public for the Airbyte manifest engine's fetcher,
 * which reads ahead the same way.
 */
public final class PageReadAhead implements AutoCloseable {
  private static final Duration LONGEST_EXCHANGE = Duration.ofHours(1);
  private final RequestExecutor executor;
  private final Authenticator authenticator;
  private final RecordSelector splitBy;
  private final int parallel;
  private final ExecutorService threads;
  private final Map<String, Future<Exchange>> inFlight = new LinkedHashMap<>();
  /**
   * Longest wait for one response: the executor's retry budget (no attempt starts after it) plus the longest
   * exchange a pipeline may set ({@code runtime.request_timeout} at most 1 h), so the wait is bounded even if an
   * attempt began just before the budget ran out.
   */
  private final Duration bound;

  /**
   * @param splitBy the endpoint's records selector: pages are split as the fetcher's own requests are; null for
   *     none
   */
  public PageReadAhead(String endpoint, RequestExecutor executor, Authenticator authenticator, RecordSelector splitBy,
      int parallel) {
    this.executor = executor;
    this.authenticator = authenticator;
    this.splitBy = splitBy;
    this.parallel = parallel;
    this.bound = executor.budget().plus(LONGEST_EXCHANGE);
    AtomicInteger count = new AtomicInteger();
    this.threads = Executors.newFixedThreadPool(parallel, task -> {
      Thread thread = new Thread(task, "ingest-read-ahead-" + endpoint + "-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    });
  }

  /** How many requests may be outstanding at once. */
  public int parallel() {
    return parallel;
  }

  /** Starts requests not yet in flight, keeping at most {@code parallel} outstanding. */
  public void schedule(List<ApiRequest> requests) {
    for (ApiRequest request : requests) {
      if (inFlight.size() >= parallel) {
        return;
      }
      inFlight.computeIfAbsent(key(request),
          k -> threads.submit(() -> executor.execute(request, authenticator, splitBy)));
    }
  }

  /** The response of {@code request} if it was requested ahead (waiting for it), else empty. */
  public Optional<Exchange> take(ApiRequest request) throws EndpointException, InterruptedException {
    Future<Exchange> future = inFlight.remove(key(request));
    if (future == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(future.get(bound.toMillis(), TimeUnit.MILLISECONDS));
    } catch (TimeoutException e) {
      future.cancel(true); // interrupts the read-ahead thread, which cancels its exchange
      throw new EndpointException(ErrorClass.NETWORK, "read-ahead request " + request.redactedUrl()
          + " did not finish within " + bound + " (retry budget plus the longest exchange)");
    } catch (ExecutionException e) {
      if (e.getCause() instanceof EndpointException endpointException) {
        throw endpointException;
      }
      if (e.getCause() instanceof InterruptedException interrupted) {
        throw interrupted;
      }
      throw new IllegalStateException("read-ahead request failed unexpectedly", e.getCause());
    }
  }

  public static String key(ApiRequest request) {
    return request.url() + "\n" + request.body().orElse("");
  }

  @Override
  public void close() {
    inFlight.values().forEach(future -> future.cancel(true));
    inFlight.clear();
    threads.shutdownNow();
  }

  @Override
  public String toString() {
    return "PageReadAhead{parallel=" + parallel + ", inFlight=" + inFlight.size() + "}";
  }
}
