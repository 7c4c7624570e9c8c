package dev.ingest.sources.ratelimit;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What one response said about the credential's quota, whatever header family carried it.
 *
 * @param remaining requests left in the current window, if the response said
 * @param limit the size of the window's quota, if the response said
 * @param resetAt when the window's quota is restored, if the response said
 */
public record RateSignal(OptionalLong remaining, OptionalLong limit, Optional<Instant> resetAt) {
  /** A response that said nothing about the quota. */
  public static final RateSignal NONE = new RateSignal(OptionalLong.empty(), OptionalLong.empty(), Optional.empty());

  public RateSignal {
    Objects.requireNonNull(remaining, "remaining");
    Objects.requireNonNull(limit, "limit");
    Objects.requireNonNull(resetAt, "resetAt");
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
    if (other.remaining.isPresent() && (rem.isEmpty() || other.remaining.getAsLong() < rem.getAsLong())) {
      rem = other.remaining;
      lim = other.limit.isPresent() ? other.limit : lim;
      reset = other.resetAt.isPresent() ? other.resetAt : reset;
    }
    return new RateSignal(rem, lim.isPresent() ? lim : other.limit, reset.isPresent() ? reset : other.resetAt);
  }
}
