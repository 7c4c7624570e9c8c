package dev.ingest.sources.ratelimit;

import dev.ingest.sources.spec.RateLimitSpec;
import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * One {@link RateLimiter} per credential inside the JVM: every fetcher of every endpoint (and every pipeline) that
 * uses the same connector with the same secret shares one budget, because that is how APIs count. The first
 * fetcher to ask creates the limiter from its connector's {@code rate_limit} block; later ones get the same
 * instance. Thread-safe.
 */
public final class RateLimiterRegistry implements RateBudgets {
  private static final RateLimiterRegistry JVM = new RateLimiterRegistry();

  private final ConcurrentMap<String, RateLimiter> limiters = new ConcurrentHashMap<>();

  /** The JVM-wide registry the runtime uses. */
  public static RateLimiterRegistry jvm() {
    return JVM;
  }

  /** A private registry (tests, or callers that must not share budgets). */
  public static RateLimiterRegistry isolated() {
    return new RateLimiterRegistry();
  }

  /**
   * The limiter of one credential.
   *
   * @param connector the connector name
   * @param credential the secret name (a reference, never a value); for connectors without credentials, any
   *     stable text that tells accounts apart, such as the rendered base URL
   * @param spec the connector's {@code rate_limit} block ({@link RateLimitSpec#NONE} when absent)
   */
  @Override
  public RateLimiter limiter(String connector, String credential, RateLimitSpec spec, Clock clock) {
    Objects.requireNonNull(spec, "spec");
    String key = Objects.requireNonNull(connector, "connector") + "\u0000" + Objects.requireNonNull(credential,
        "credential");
    return limiters.computeIfAbsent(key,
        k -> new TokenBucketRateLimiter(spec.requestsPerSecond(), spec.burst(), spec.adaptive(), clock));
  }

  /** Limiters created so far. */
  public int size() {
    return limiters.size();
  }

  @Override
  public String toString() {
    return "RateLimiterRegistry{" + limiters.size() + " credentials}";
  }
}
