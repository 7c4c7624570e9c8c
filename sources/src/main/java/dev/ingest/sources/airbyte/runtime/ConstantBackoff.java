package dev.ingest.sources.airbyte.runtime;

import dev.ingest.sources.http.ApiResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/** Airbyte's {@code ConstantBackoffStrategy}: {@code backoff_time_in_seconds} before every retry. */
final class ConstantBackoff implements BackoffStrategy {
  private final Duration wait;

  ConstantBackoff(double seconds) {
    this.wait = BackoffStrategy.ofSeconds(seconds);
  }

  @Override
  public Optional<Duration> wait(ApiResponse response, int attempt, Clock clock) {
    return Optional.of(wait);
  }
}
