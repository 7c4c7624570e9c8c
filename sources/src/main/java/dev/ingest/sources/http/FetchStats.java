package dev.ingest.sources.http;

/**
 * What one page fetch cost: HTTP requests sent (including retries), retries, responses that were rate limits
 * (429 and equivalents), response bytes read, and milliseconds spent waiting on rate limits or backoff.
 */
public record FetchStats(int requests, int retries, int throttled, long bytes, long waitedMillis) {
  public static final FetchStats NONE = new FetchStats(0, 0, 0, 0, 0);

  public FetchStats plus(FetchStats other) {
    return new FetchStats(
        requests + other.requests,
        retries + other.retries,
        throttled + other.throttled,
        bytes + other.bytes,
        waitedMillis + other.waitedMillis);
  }
}
