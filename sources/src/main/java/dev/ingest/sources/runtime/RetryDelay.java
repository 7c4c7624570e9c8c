package dev.ingest.sources.runtime;

import dev.ingest.sources.fetch.EndpointException;
import dev.ingest.sources.ratelimit.RateLimiter;
import dev.ingest.sources.retry.RetryPolicy;
import dev.ingest.sources.retry.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * The delay step of {@link RequestExecutor}: every wait before an attempt, and the decision to give up. Before each
 * attempt it waits (through the {@link Sleeper}) for the credential's next permit. After a failed attempt that may
 * be retried, the wait is the server's (Retry-After, or the reset of an exhausted quota), which pauses every
 * fetcher of the credential at the limiter, or else the policy's exponential backoff with jitter, slept here; the
 * request gives up when its attempts are used up or the wait would pass the policy's total time budget. Waits are
 * counted in the {@link PendingRequest}.
 */
final class RetryDelay {
  private final RetryPolicy policy;
  private final RateLimiter limiter;
  private final Sleeper sleeper;
  private final Clock clock;
  private final DoubleSupplier random;

  RetryDelay(RetryPolicy policy, RateLimiter limiter, Sleeper sleeper, Clock clock, DoubleSupplier random) {
    this.policy = policy;
    this.limiter = limiter;
    this.sleeper = sleeper;
    this.clock = clock;
    this.random = random;
  }

  /** Waits until the credential's rate limit lets the next attempt go. */
  void awaitPermit(PendingRequest pending) throws InterruptedException {
    sleep(limiter.reserve(), pending);
  }

  /**
   * Waits before retrying {@code failure}, or gives up.
   *
   * @throws EndpointException the failure, worded with why it was the last attempt
   */
  void beforeRetry(AttemptOutcome.Retry failure, PendingRequest pending)
      throws EndpointException, InterruptedException {
    if (pending.attempts >= policy.maxAttempts()) {
      throw failure.giveUp("after " + pending.attempts + " attempts", pending.stats());
    }
    int retry = pending.attempts; // the retry about to happen is the attempts-th
    Duration delay = failure.serverWait().or(failure::ownWait)
        .orElseGet(() -> policy.backoff(retry, random.getAsDouble()));
    long elapsed = clock.millis() - pending.startMillis;
    if (elapsed + delay.toMillis() > policy.totalBudget().toMillis()) {
      throw failure.giveUp("after " + pending.attempts + " attempts: waiting " + delay.toMillis()
          + " ms more would exceed the retry budget of " + policy.totalBudget().toSeconds() + " s", pending.stats());
    }
    if (failure.serverWait().isPresent()) {
      limiter.pauseUntil(clock.instant().plus(delay)); // every fetcher of the credential waits, this one at reserve
    } else {
      sleep(delay, pending);
    }
  }

  private void sleep(Duration delay, PendingRequest pending) throws InterruptedException {
    if (!delay.isZero() && !delay.isNegative()) {
      sleeper.sleep(delay);
      pending.waitedMillis += delay.toMillis();
    }
  }
}
