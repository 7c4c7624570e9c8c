package dev.ingest.sources.sandbox;

import java.time.Clock;

/**
 * A provider-side token bucket shared by every resource of the sandbox (one credential): {@code perSecond}
 * requests a second, {@code burst} at once. Every admitted response advertises {@code X-RateLimit-Limit},
 * {@code X-RateLimit-Remaining} and {@code X-RateLimit-Reset} (epoch seconds when the bucket is full again); a
 * request beyond the budget gets a 429 with {@code Retry-After}. Counts what it admitted and refused.
 * Thread-safe.
 */
final class SandboxRateLimit {
  private final double perSecond;
  private final int burst;
  private final Clock clock;
  private double tokens;
  private long lastMillis;
  private long admitted;
  private long refused;

  SandboxRateLimit(double perSecond, int burst, Clock clock) {
    this.perSecond = perSecond;
    this.burst = burst;
    this.clock = clock;
    this.tokens = burst;
    this.lastMillis = clock.millis();
  }

  /** Takes a token; the response for a refused request, or null after adding the headers to {@code admit}. */
  synchronized boolean tryTake() {
    long now = clock.millis();
    tokens = Math.min(burst, tokens + (now - lastMillis) * perSecond / 1000.0);
    lastMillis = now;
    if (tokens >= 1) {
      tokens -= 1;
      admitted++;
      return true;
    }
    refused++;
    return false;
  }

  /** {@code response} with the bucket's current headers. */
  synchronized SandboxResponse decorate(SandboxResponse response) {
    long fullInMillis = (long) Math.ceil((burst - tokens) * 1000.0 / perSecond);
    long reset = (clock.millis() + fullInMillis + 999) / 1000;
    return response.header("X-RateLimit-Limit", Integer.toString(burst))
        .header("X-RateLimit-Remaining", Long.toString((long) Math.floor(tokens)))
        .header("X-RateLimit-Reset", Long.toString(reset));
  }

  /** Seconds until one token is back, at least 1. */
  synchronized long retryAfterSeconds() {
    return Math.max(1, (long) Math.ceil((1 - tokens) / perSecond));
  }

  synchronized long admitted() {
    return admitted;
  }

  synchronized long refused() {
    return refused;
  }
}
