package dev.ingest.sources.ratelimit;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * What one response said about the credential's quota, whatever header family carried it.
 *
 * @param remaining requests left in the current window, if the response said
 * @param limit the size of the window's quota, if the response said
 * @param resetAt when the window's quota is restored, if the response said
 * @param window the length of the window {@code limit} counts over, if the response said (HubSpot's
 *     {@code -Interval-Milliseconds}, the IETF draft's {@code w=} parameter); with {@code limit} it states a rate
 */
public record RateSignal(OptionalLong remaining, OptionalLong limit, Optional<Instant> resetAt,
    Optional<Duration> window) {
  /** A response that said nothing about the quota. */
  public static final RateSignal NONE = new RateSignal(OptionalLong.empty(), OptionalLong.empty(), Optional.empty());

  public RateSignal {
    Objects.requireNonNull(remaining, "remaining");
    Objects.requireNonNull(limit, "limit");
    Objects.requireNonNull(resetAt, "resetAt");
    Objects.requireNonNull(window, "window");
    window = window.filter(w -> !w.isNegative() && !w.isZero());
  }

  /** A signal that states no window length. */
  public RateSignal(OptionalLong remaining, OptionalLong limit, Optional<Instant> resetAt) {
    this(remaining, limit, resetAt, Optional.empty());
  }

  /**
   * The rate the response stated, in requests per second: {@code limit / window} when both are known (100 per
   * 10 s is 10/s); empty otherwise (a quota without its window's length states no rate).
   */
  public OptionalDouble statedPerSecond() {
    if (limit.isEmpty() || window.isEmpty() || limit.getAsLong() <= 0) {
      return OptionalDouble.empty();
    }
    return OptionalDouble.of(limit.getAsLong() * 1000.0 / window.get().toMillis());
  }

  /** True when the response carried no quota information. */
  public boolean isEmpty() {
    return remaining.isEmpty() && limit.isEmpty() && resetAt.isEmpty();
  }

  /**
   * This signal completed by {@code other}: the lower remaining count, and each missing value taken from
   * {@code other} (a response may carry a daily and a per-second quota; the tighter one matters).
   */
  public RateSignal merge(RateSignal other) {
    OptionalLong rem = remaining;
    OptionalLong lim = limit;
    Optional<Instant> reset = resetAt;
    Optional<Duration> win = window;
    if (other.remaining.isPresent() && (rem.isEmpty() || other.remaining.getAsLong() < rem.getAsLong())) {
      rem = other.remaining;
      if (other.limit.isPresent()) {
        lim = other.limit;
        win = other.window; // a window length belongs to its quota
      }
      reset = other.resetAt.isPresent() ? other.resetAt : reset;
    }
    if (lim.isEmpty()) {
      lim = other.limit;
      win = other.window;
    }
    return new RateSignal(rem, lim, reset.isPresent() ? reset : other.resetAt, win);
  }
}
