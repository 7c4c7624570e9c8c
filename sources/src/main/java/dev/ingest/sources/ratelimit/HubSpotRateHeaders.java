package dev.ingest.sources.ratelimit;

import dev.ingest.sources.http.Headers;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * HubSpot's {@code X-HubSpot-RateLimit-Remaining}, {@code -Max} and {@code -Interval-Milliseconds}: the window
 * rolls, so the quota is taken as restored one interval from now (the cautious reading); {@code Max} per
 * interval is the rate the account is allowed.
 */
public final class HubSpotRateHeaders implements RateHeaderReader {
  private static final String PREFIX = "X-HubSpot-RateLimit-";

  @Override
  public RateSignal read(Headers headers, Clock clock) {
    OptionalLong remaining = StandardRateHeaders.number(headers, PREFIX + "Remaining");
    if (remaining.isEmpty()) {
      return RateSignal.NONE;
    }
    OptionalLong max = StandardRateHeaders.number(headers, PREFIX + "Max");
    OptionalLong interval = StandardRateHeaders.number(headers, PREFIX + "Interval-Milliseconds");
    Optional<Instant> reset = interval.isPresent()
        ? Optional.of(clock.instant().plusMillis(interval.getAsLong())) : Optional.empty();
    return new RateSignal(remaining, max, reset, interval.isPresent() && interval.getAsLong() > 0
        ? Optional.of(Duration.ofMillis(interval.getAsLong())) : Optional.empty());
  }

  @Override
  public String toString() {
    return "HubSpotRateHeaders";
  }
}
