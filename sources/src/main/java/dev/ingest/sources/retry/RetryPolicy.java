package dev.ingest.sources.retry;

import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.IntStream;

/**
 * When and how long to retry one request, as data. Retried: the statuses in {@link #retryStatuses()} (429, 408
 * and 5xx by default), I/O failures (timeouts, resets) and 2xx bodies cut short (truncated JSON). The wait
 * before retry {@code n} (1-based) is {@code min(maxDelay, baseDelay * 2^(n-1))}, shortened by up to
 * {@code jitter} (a fraction) at random; a {@code Retry-After} header replaces it. The request gives up after
 * {@link #maxAttempts()} attempts or when the next wait would pass {@link #totalBudget()} since the first attempt.
 *
 * @param maxAttempts attempts in total, including the first (default 6)
 * @param baseDelay the first backoff (default 500 ms)
 * @param maxDelay the cap of the exponential backoff (default 60 s)
 * @param totalBudget the longest one request may take, waits included (default 10 min)
 * @param jitter the fraction in [0, 1] by which a backoff may be shortened at random (default 0.2)
 * @param retryStatuses HTTP statuses that are retried
 */
public record RetryPolicy(
    int maxAttempts,
    Duration baseDelay,
    Duration maxDelay,
    Duration totalBudget,
    double jitter,
    Set<Integer> retryStatuses) implements Serializable {

  private static final Set<Integer> DEFAULT_STATUSES = defaultStatuses();

  public RetryPolicy {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be >= 1");
    }
    Objects.requireNonNull(baseDelay, "baseDelay");
    Objects.requireNonNull(maxDelay, "maxDelay");
    Objects.requireNonNull(totalBudget, "totalBudget");
    if (baseDelay.isNegative() || maxDelay.isNegative() || totalBudget.isNegative()) {
      throw new IllegalArgumentException("delays must not be negative");
    }
    if (!(jitter >= 0 && jitter <= 1)) {
      throw new IllegalArgumentException("jitter must be in [0, 1]");
    }
    retryStatuses = Set.copyOf(retryStatuses);
  }

  /** 6 attempts, 500 ms doubling to at most 60 s, 10 min in total, 20 % jitter, retrying 408, 429 and 5xx. */
  public static RetryPolicy defaults() {
    return new RetryPolicy(6, Duration.ofMillis(500), Duration.ofSeconds(60), Duration.ofMinutes(10), 0.2,
        DEFAULT_STATUSES);
  }

  /** One attempt, no retries. */
  public static RetryPolicy none() {
    return defaults().withMaxAttempts(1);
  }

  private static Set<Integer> defaultStatuses() {
    Set<Integer> statuses = new TreeSet<>(Set.of(408, 429));
    IntStream.range(500, 600).forEach(statuses::add);
    return Set.copyOf(statuses);
  }

  public RetryPolicy withMaxAttempts(int attempts) {
    return new RetryPolicy(attempts, baseDelay, maxDelay, totalBudget, jitter, retryStatuses);
  }

  public RetryPolicy withBaseDelay(Duration delay) {
    return new RetryPolicy(maxAttempts, delay, maxDelay, totalBudget, jitter, retryStatuses);
  }

  public RetryPolicy withMaxDelay(Duration delay) {
    return new RetryPolicy(maxAttempts, baseDelay, delay, totalBudget, jitter, retryStatuses);
  }

  public RetryPolicy withTotalBudget(Duration budget) {
    return new RetryPolicy(maxAttempts, baseDelay, maxDelay, budget, jitter, retryStatuses);
  }

  public RetryPolicy withJitter(double fraction) {
    return new RetryPolicy(maxAttempts, baseDelay, maxDelay, totalBudget, fraction, retryStatuses);
  }

  public RetryPolicy withRetryStatuses(Set<Integer> statuses) {
    return new RetryPolicy(maxAttempts, baseDelay, maxDelay, totalBudget, jitter, statuses);
  }

  /** True when a response with {@code status} is retried. */
  public boolean retries(int status) {
    return retryStatuses.contains(status);
  }

  /**
   * The backoff before retry number {@code retry} (1 for the first retry).
   *
   * @param random a uniform value in [0, 1) choosing the jitter
   */
  public Duration backoff(int retry, double random) {
    long base = baseDelay.toMillis();
    int shift = Math.min(Math.max(retry - 1, 0), 30);
    long exponential = base > (Long.MAX_VALUE >> shift) ? Long.MAX_VALUE : base << shift;
    long capped = Math.min(exponential, maxDelay.toMillis());
    return Duration.ofMillis(Math.round(capped * (1 - jitter * random)));
  }

  @Override
  public String toString() {
    return "RetryPolicy{maxAttempts=" + maxAttempts + ", baseDelay=" + baseDelay + ", maxDelay=" + maxDelay
        + ", totalBudget=" + totalBudget + ", jitter=" + jitter + ", statuses=" + retryStatuses.size() + "}";
  }
}
