package dev.ingest.sources.airbyte.runtime;

import dev.ingest.sources.http.ApiResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * Airbyte's {@code WaitTimeFromHeader}: waits the seconds a header gives; a wait of
 * {@code max_waiting_time_in_seconds} or more stops the stream instead.
 */
final class HeaderWait implements BackoffStrategy {
  private final HeaderValue header;
  private final Optional<Double> max;

  HeaderWait(HeaderValue header, Optional<Double> max) {
    this.header = header;
    this.max = max;
  }

  @Override
  public Optional<Duration> wait(ApiResponse response, int attempt, Clock clock) {
    Optional<Double> seconds = header.read(response);
    if (seconds.isEmpty() || seconds.get() < 0) {
      return Optional.empty();
    }
    return Optional.of(seconds.get() == 0 ? Duration.ZERO : BackoffStrategy.capped(seconds.get(), max));
  }
}
