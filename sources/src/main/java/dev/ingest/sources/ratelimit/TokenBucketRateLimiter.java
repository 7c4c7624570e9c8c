package dev.ingest.sources.ratelimit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A token bucket with reservations, adapted at run time from response headers. Thread-safe.
 *
 * <p><b>Configured rate.</b> {@code permitsPerSecond} permits a second with up to {@code burst} saved while idle
 * (0 permits a second: no configured limit, only what headers say). A reservation takes the next free slot and
 * pushes the following one an interval later, so concurrent callers queue in order and none is refused.
 *
 * <p><b>Adaptation.</b> Each {@link RateSignal} may tighten the bucket until the window resets:
 * <ul>
 *   <li>{@code remaining == 0}: every request waits for the reset (or {@link #UNKNOWN_RESET_PAUSE} when the API
 *       does not say when it comes);
 *   <li>{@code remaining} at or below the low-water mark (10 % of the limit, at least 1; 5 when the limit is not
 *       sent): the remaining requests are spread evenly until the reset, and saved burst is dropped, so the job
 *       slows down before the API starts answering 429;
 *   <li>{@link #pauseUntil} (a 429's {@code Retry-After}): every request of the credential waits.
 * </ul>
 */
public final class TokenBucketRateLimiter implements RateLimiter {
  /** How long to hold requests when the quota is exhausted and the API does not say when it returns. */
  public static final Duration UNKNOWN_RESET_PAUSE = Duration.ofSeconds(1);
  private static final double LOW_WATER_FRACTION = 0.1;
  private static final long LOW_WATER_WITHOUT_LIMIT = 5;

  private final double permitsPerSecond;
  private final double burst;
  private final long intervalNanos;
  private final boolean adaptive;
  private final Clock clock;
  private long nextFree;
  private double stored;
  private long pausedUntil;
  private long pacedInterval;
  private long pacedUntil;

  /**
   * @param permitsPerSecond the configured rate, or 0 for none (headers only)
   * @param burst permits that may be saved while idle (at least 1)
   * @param clock the time source (a fake one in tests)
   */
  public TokenBucketRateLimiter(double permitsPerSecond, int burst, Clock clock) {
    this(permitsPerSecond, burst, true, clock);
  }

  /** As above; {@code adaptive} false ignores {@link #observe} (the configured rate and 429 pauses only). */
  public TokenBucketRateLimiter(double permitsPerSecond, int burst, boolean adaptive, Clock clock) {
    if (!(permitsPerSecond >= 0) || Double.isInfinite(permitsPerSecond)) {
      throw new IllegalArgumentException("permitsPerSecond must be >= 0, got " + permitsPerSecond);
    }
    if (burst < 1) {
      throw new IllegalArgumentException("burst must be >= 1, got " + burst);
    }
    this.permitsPerSecond = permitsPerSecond;
    this.burst = burst - 1; // saved permits; the request that finds the bucket empty goes now and pays later
    this.intervalNanos = permitsPerSecond == 0 ? 0 : Math.round(1e9 / permitsPerSecond);
    this.adaptive = adaptive;
    this.clock = Objects.requireNonNull(clock, "clock");
    this.stored = this.burst;
  }

  @Override
  public synchronized Duration reserve() {
    long now = nanos(clock.instant());
    long interval = interval(now);
    long idleSince = Math.max(nextFree, pausedUntil);
    if (now > idleSince) {
      if (interval > 0) {
        stored = Math.min(burst, stored + (now - idleSince) / (double) interval);
      }
      nextFree = now;
    }
    long start = Math.max(nextFree, pausedUntil);
    double fromStore = Math.min(1.0, stored);
    stored -= fromStore;
    nextFree = start + Math.round((1.0 - fromStore) * interval);
    return Duration.ofNanos(Math.max(0, start - now));
  }

  @Override
  public synchronized void observe(RateSignal signal) {
    if (!adaptive || signal.remaining().isEmpty()) {
      return;
    }
    long now = nanos(clock.instant());
    long remaining = signal.remaining().getAsLong();
    long lowWater = signal.limit().isPresent()
        ? Math.max(1, Math.round(signal.limit().getAsLong() * LOW_WATER_FRACTION)) : LOW_WATER_WITHOUT_LIMIT;
    long reset = signal.resetAt().map(TokenBucketRateLimiter::nanos)
        .orElse(now + UNKNOWN_RESET_PAUSE.toNanos());
    if (reset <= now) {
      return; // the window the signal describes is over already
    }
    if (remaining == 0) {
      pausedUntil = Math.max(pausedUntil, reset);
      dropBurst(now);
    } else if (remaining <= lowWater) {
      pacedInterval = (reset - now) / remaining;
      pacedUntil = reset;
      dropBurst(now);
    }
  }

  @Override
  public synchronized void pauseUntil(Instant until) {
    pausedUntil = Math.max(pausedUntil, nanos(until));
    dropBurst(nanos(clock.instant()));
  }

  /** Forgets saved permits: after a throttle signal requests must not go out in a burst. */
  private void dropBurst(long now) {
    stored = 0;
    nextFree = Math.max(nextFree, now);
  }

  private long interval(long now) {
    return now < pacedUntil ? Math.max(intervalNanos, pacedInterval) : intervalNanos;
  }

  private static long nanos(Instant instant) {
    return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000_000L), instant.getNano());
  }

  @Override
  public String toString() {
    return "TokenBucketRateLimiter{" + (permitsPerSecond == 0 ? "headers only" : permitsPerSecond + "/s") + ", burst="
        + (long) (burst + 1) + "}";
  }
}
