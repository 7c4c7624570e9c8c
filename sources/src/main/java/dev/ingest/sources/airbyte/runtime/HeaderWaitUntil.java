package dev.ingest.sources.airbyte.runtime;

import dev.ingest.sources.http.ApiResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * Airbyte's {@code WaitUntilTimeFromHeader}: the header gives the epoch second at which to retry; waits until then,
 * at least {@code min_wait} seconds (also the wait when the header is missing); a wait of
 * {@code max_waiting_time_in_seconds} or more stops the stream.
 */
final class HeaderWaitUntil implements BackoffStrategy {
  private final HeaderValue header;
  private final double minWait;
  private final Optional<Double> max;

  HeaderWaitUntil(HeaderValue header, double minWait, Optional<Double> max) {
    this.header = header;
    this.minWait = minWait;
    this.max = max;
  }

  @Override
  public Optional<Duration> wait(ApiResponse response, int attempt, Clock clock) {
    Optional<Double> until = header.read(response).filter(v -> v != 0);
    if (until.isEmpty()) {
      return minWait > 0 ? Optional.of(BackoffStrategy.capped(minWait, max)) : Optional.empty();
    }
    double wait = until.get() - clock.millis() / 1000.0;
    if (minWait > 0) {
      return Optional.of(BackoffStrategy.capped(Math.max(wait, minWait), max));
    }
    return wait < 0 ? Optional.empty() : Optional.of(BackoffStrategy.capped(wait, max));
  }
}
