package dev.ingest.sources.ratelimit;

import dev.ingest.sources.http.Headers;
import java.time.Clock;

/** Reads one family of rate-limit response headers into a {@link RateSignal}. Stateless. */
public interface RateHeaderReader {

  /** The signal in {@code headers}, or {@link RateSignal#NONE} when this family is absent or unparseable. */
  RateSignal read(Headers headers, Clock clock);
}
