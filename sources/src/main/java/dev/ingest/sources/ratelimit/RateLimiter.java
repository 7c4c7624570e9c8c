package dev.ingest.sources.ratelimit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The request budget of one credential, shared by every fetcher that uses it inside the JVM (see
 * {@link RateLimiterRegistry}). Thread-safe. Callers never block inside the limiter: {@link #reserve()} takes a
 * permit and answers how long to wait before sending, and the caller schedules that wait (through its
 * {@code Sleeper}).
 */
public interface RateLimiter {

  /** Takes one permit; returns how long the caller must wait before sending (zero: send now). */
  Duration reserve();

  /** Adapts to what a response said about the remaining quota (rate-limit headers). */
  void observe(RateSignal signal);

  /** Holds every request of this credential until {@code until} (a server asked to back off). */
  void pauseUntil(Instant until);

  /**
   * A limiter with no rate and no header adaptation that still honours {@link #pauseUntil} (a server's
   * {@code Retry-After}): for requests outside any API budget, such as OAuth token requests.
   */
  static RateLimiter pausesOnly(Clock clock) {
    return new TokenBucketRateLimiter(0, 1, false, clock);
  }
}
