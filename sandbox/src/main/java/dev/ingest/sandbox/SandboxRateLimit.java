package dev.ingest.sandbox;

import java.time.Clock;
import java.time.Duration;

/**
 * A provider-side request budget shared by every resource of the sandbox (one credential): at most {@code limit}
 * requests per fixed window ({@code window} long, aligned to the epoch, as GitHub, Intercom and Pipedrive count).
 * Every admitted response advertises {@code X-RateLimit-Limit}, {@code X-RateLimit-Remaining} and
 * {@code X-RateLimit-Reset} (epoch seconds of the window's end); a request beyond the budget gets a 429 with
 * {@code Retry-After}; without {@code advertise} no {@code X-RateLimit-*} header is sent. Counts what it admitted
 * and refused, and the most requests any one window received. Thread-safe.
 */
final class SandboxRateLimit {
  private final int limit;
  private final long windowMillis;
  private final boolean advertise;
  private final Clock clock;
  private long windowStart;
  private int used;
  private long arrived;
  private long peakWindow;
  private long admitted;
  private long refused;

  SandboxRateLimit(int limit, Duration window, boolean advertise, Clock clock) {
    this.limit = limit;
    this.windowMillis = window.toMillis();
    this.advertise = advertise;
    this.clock = clock;
  }

  /** Counts one request; false when the window's budget is spent. */
  synchronized boolean tryTake() {
    roll();
    arrived++;
    peakWindow = Math.max(peakWindow, arrived);
    if (used < limit) {
      used++;
      admitted++;
      return true;
    }
    refused++;
    return false;
  }

  /** {@code response} with the window's current headers. */
  synchronized SandboxResponse decorate(SandboxResponse response) {
    roll();
    if (!advertise) {
      return response;
    }
    long reset = (windowStart + windowMillis + 999) / 1000;
    return response.header("X-RateLimit-Limit", Integer.toString(limit))
        .header("X-RateLimit-Remaining", Integer.toString(limit - used))
        .header("X-RateLimit-Reset", Long.toString(reset));
  }

  /** Whole seconds until the window ends, at least 1. */
  synchronized long retryAfterSeconds() {
    roll();
    return Math.max(1, (windowStart + windowMillis - clock.millis() + 999) / 1000);
  }

  private void roll() {
    long start = clock.millis() / windowMillis * windowMillis;
    if (start != windowStart) {
      windowStart = start;
      used = 0;
      arrived = 0;
    }
  }

  synchronized long admitted() {
    return admitted;
  }

  synchronized long peakWindow() {
    return peakWindow;
  }

  synchronized long refused() {
    return refused;
  }
}
