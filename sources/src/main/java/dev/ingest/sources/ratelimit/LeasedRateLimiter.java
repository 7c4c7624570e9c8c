package dev.ingest.sources.ratelimit;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A credential's budget leased from the control plane. The holder paces its requests at the share its current
 * lease grants (burst 1), renews the lease every third of its time to live while it is in use, and stops renewing
 * when idle, so the share returns to the others at expiry. Without a valid lease (control plane lost, or not yet
 * granted within the wait) it paces at the fallback: the declared limit times
 * {@code min(fallbackShare, 1/holders)}, never the whole limit. Rate-limit headers and 429 pauses still act
 * locally at once (through a header-only {@link TokenBucketRateLimiter}) and are reported with the next renewal,
 * which spreads a pause to every holder; a rate the headers state (a quota with its window's length) is reported
 * too, and the control plane sizes every holder's share by it when it is below the declared limit. Thread-safe.
 */
final class LeasedRateLimiter implements RateLimiter {
  /** How long {@link #reserve} may wait for a first share before it falls back. */
  static final Duration ACQUIRE_WAIT = Duration.ofSeconds(5);
  private static final long ACQUIRE_POLL_MS = 100;

  private final String key;
  private final String holder;
  private final double declared;
  private final double fallbackShare;
  private final RateLeaseClient client;
  private final ScheduledExecutorService scheduler;
  private final Clock clock;
  private final TokenBucketRateLimiter headers;
  private double perSecond;
  private long validUntilMs;
  private long ttlMs;
  private int holders = 1;
  private long nextFree;
  private long lastUseMs;
  private long lastFailureMs = Long.MIN_VALUE / 4; // long ago, without overflow in now - lastFailureMs
  private Instant pendingPause;
  private OptionalLong learnedLimit = OptionalLong.empty();
  private OptionalDouble statedPerSecond = OptionalDouble.empty();
  private ScheduledFuture<?> renewal;

  LeasedRateLimiter(String key, String scope, double declared, boolean adaptive, double fallbackShare,
      RateLeaseClient client, ScheduledExecutorService scheduler, Clock clock) {
    this.key = key;
    this.holder = scope + "-" + UUID.randomUUID();
    this.declared = declared;
    this.fallbackShare = fallbackShare;
    this.client = client;
    this.scheduler = scheduler;
    this.clock = clock;
    this.headers = new TokenBucketRateLimiter(0, 1, adaptive, clock);
  }

  @Override
  public Duration reserve() {
    long nowMs = clock.millis();
    synchronized (this) {
      lastUseMs = nowMs;
      if (!leased(nowMs) && nowMs - lastFailureMs >= Math.max(ttlMs, 1000)) {
        acquire();
        nowMs = clock.millis();
      }
      double rate = leased(nowMs) ? perSecond : fallbackPerSecond();
      long now = nowMs * 1_000_000L;
      long start = Math.max(nextFree, now + headers.reserve().toNanos());
      nextFree = start + Math.round(1e9 / rate);
      return Duration.ofNanos(start - now);
    }
  }

  @Override
  public void observe(RateSignal signal) {
    headers.observe(signal);
    synchronized (this) {
      if (signal.limit().isPresent()) {
        learnedLimit = signal.limit();
      }
      OptionalDouble stated = signal.statedPerSecond();
      if (stated.isPresent()) {
        statedPerSecond = stated; // the latest statement: a plan can change either way
      }
      if (signal.remaining().isPresent() && signal.remaining().getAsLong() == 0 && signal.resetAt().isPresent()) {
        pause(signal.resetAt().get());
      }
    }
  }

  @Override
  public void pauseUntil(Instant until) {
    headers.pauseUntil(until);
    synchronized (this) {
      pause(until);
    }
  }

  private void pause(Instant until) {
    if (pendingPause == null || until.isAfter(pendingPause)) {
      pendingPause = until;
    }
  }

  /** True while the current lease grants a share. */
  private boolean leased(long nowMs) {
    return perSecond > 0 && nowMs < validUntilMs;
  }

  /**
   * The pace without a lease: a share of the limit (the declared one, or the rate the API stated when that is
   * lower), never all of it.
   */
  double fallbackPerSecond() {
    double limit = statedPerSecond.isPresent() ? Math.min(declared, statedPerSecond.getAsDouble()) : declared;
    return limit * Math.min(fallbackShare, 1.0 / Math.max(1, holders));
  }

  /** Takes a first share, polling while none is free, at most {@link #ACQUIRE_WAIT}; on failure falls back. */
  private void acquire() {
    long deadline = clock.millis() + ACQUIRE_WAIT.toMillis();
    for (int attempt = 0; attempt < ACQUIRE_WAIT.toMillis() / ACQUIRE_POLL_MS + 1; attempt++) {
      if (!renew() || leased(clock.millis()) || clock.millis() >= deadline) {
        break;
      }
      try {
        wait(ACQUIRE_POLL_MS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    scheduleRenewals();
  }

  private void scheduleRenewals() {
    if ((renewal == null || renewal.isDone()) && ttlMs > 0) {
      long period = Math.max(50, ttlMs / 3);
      renewal = scheduler.scheduleWithFixedDelay(this::renewWhileInUse, period, period, TimeUnit.MILLISECONDS);
    }
  }

  private void renewWhileInUse() {
    synchronized (this) {
      if (clock.millis() - lastUseMs > 2 * ttlMs) {
        renewal.cancel(false); // idle: let the lease expire so its share returns to the other holders
        return;
      }
    }
    renew();
  }

  /** One lease request; false when the control plane could not be reached. */
  private boolean renew() {
    double held;
    Optional<Instant> pause;
    OptionalLong limit;
    OptionalDouble stated;
    long sentMs = clock.millis();
    synchronized (this) {
      held = leased(sentMs) ? perSecond : 0;
      pause = Optional.ofNullable(pendingPause);
      limit = learnedLimit;
      stated = statedPerSecond;
    }
    RateLease lease;
    try {
      lease = client.lease(key, holder, declared, held, pause, limit, stated);
    } catch (IOException | RuntimeException e) {
      synchronized (this) {
        lastFailureMs = clock.millis();
      }
      return false;
    }
    synchronized (this) {
      long now = clock.millis() * 1_000_000L;
      if (!leased(clock.millis()) && lease.perSecond() > 0) {
        // a share newly taken (first lease, or back from the fallback): its first slot is one interval on, so the
        // holders it was freed from, still finishing their previous interval, and this one never overlap
        nextFree = Math.max(nextFree, now + Math.round(1e9 / lease.perSecond()));
      }
      perSecond = lease.perSecond();
      ttlMs = lease.ttl().toMillis();
      validUntilMs = sentMs + ttlMs;
      holders = lease.holders();
      if (pause.isPresent() && pause.get().equals(pendingPause)) {
        pendingPause = null;
      }
      lease.pauseUntil().filter(p -> p.isAfter(clock.instant())).ifPresent(headers::pauseUntil);
    }
    return true;
  }

  @Override
  public synchronized String toString() {
    return "LeasedRateLimiter{budget " + key + ", " + (leased(clock.millis()) ? perSecond + "/s leased"
        : fallbackPerSecond() + "/s fallback") + " of " + declared + "/s}";
  }
}
