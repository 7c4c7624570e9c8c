package dev.ingest.sources.ratelimit;

import dev.ingest.sources.spec.RateLimitSpec;
import java.time.Clock;

/**
 * Where a credential's {@link RateLimiter} comes from: the strategy behind every fetcher's request budget.
 * {@link RateLimiterRegistry} keeps one budget per credential inside the JVM; {@link LeasedRateBudgets} leases a
 * share of one budget per credential from the control plane, so that jobs in other JVMs share it too.
 */
public interface RateBudgets {

  /**
   * The limiter of one credential.
   *
   * @param connector the connector name
   * @param credential the secret name (a reference, never a value), or any stable text that tells accounts apart
   * @param spec the connector's {@code rate_limit} block ({@link RateLimitSpec#NONE} when absent)
   */
  RateLimiter limiter(String connector, String credential, RateLimitSpec spec, Clock clock);
}
