package dev.ingest.sources.airbyte.runtime;

import dev.ingest.sources.http.ApiResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/** Airbyte's {@code ExponentialBackoffStrategy}: {@code factor * 2^attempt} seconds (factor 5 by default). */
final class ExponentialBackoff implements BackoffStrategy {
  private final double factor;

  ExponentialBackoff(double factor) {
    this.factor = factor;
  }

  @Override
  public Optional<Duration> wait(ApiResponse response, int attempt, Clock clock) {
    return Optional.of(BackoffStrategy.ofSeconds(factor * Math.pow(2, Math.min(attempt, 40))));
  }
}
