package dev.ingest.sources.ratelimit;

import dev.ingest.sources.http.Headers;
import java.time.Clock;
import java.util.List;

/** Reads every known rate-limit header family of a response and merges them (the tightest quota wins). */
public final class RateHeaders {
  private static final List<RateHeaderReader> READERS =
      List.of(new StandardRateHeaders(), new HubSpotRateHeaders(), new UsageRatioHeaders());

  private RateHeaders() {}

  /** The merged signal of {@code headers}; {@link RateSignal#NONE} when no family is present. */
  public static RateSignal read(Headers headers, Clock clock) {
    RateSignal signal = RateSignal.NONE;
    for (RateHeaderReader reader : READERS) {
      signal = signal.merge(reader.read(headers, clock));
    }
    return signal;
  }
}
