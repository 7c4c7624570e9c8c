package dev.ingest.sources.source.split;

import dev.ingest.sources.fetch.FetchStats;

/**
 * What one endpoint's split has done so far in its run: rows emitted, pages completed and what fetching them cost.
 * Immutable; {@link ApiSplitState} keeps the mutable running totals and snapshots them into this value.
 *
 * @param startedAt epoch millis the split's first request was sent, 0 while no page has been fetched
 * @param pages pages whose records were all emitted
 * @param requests HTTP requests sent for those pages, retries included
 * @param rows records emitted
 * @param bytes response bytes read
 * @param retries retried requests
 * @param throttled responses that were rate limits (429 and equivalents)
 * @param waitedMillis milliseconds spent waiting on rate limits and backoff
 * @param decodedBytes response bytes after content decoding ({@code bytes} are wire bytes, see {@link FetchStats})
 * @param apiTotal the total of the whole result the API stated in the run (first statement), or {@link #NO_TOTAL}
 */
public record SplitProgress(
    long startedAt, long pages, long requests, long rows, long bytes, long retries, long throttled,
    long waitedMillis, long decodedBytes, long apiTotal) {

  /** {@link #apiTotal} when the API stated none. */
  public static final long NO_TOTAL = -1;

  /** Nothing done yet. */
  public static final SplitProgress NONE = new SplitProgress(0, 0, 0, 0, 0, 0, 0, 0, 0);

  /** Progress of an endpoint whose API stated no total. */
  public SplitProgress(long startedAt, long pages, long requests, long rows, long bytes, long retries,
      long throttled, long waitedMillis, long decodedBytes) {
    this(startedAt, pages, requests, rows, bytes, retries, throttled, waitedMillis, decodedBytes, NO_TOTAL);
  }

  /** Progress whose decoded bytes are not known apart from the wire bytes (taken to be equal). */
  public SplitProgress(long startedAt, long pages, long requests, long rows, long bytes, long retries,
      long throttled, long waitedMillis) {
    this(startedAt, pages, requests, rows, bytes, retries, throttled, waitedMillis, bytes);
  }

  public SplitProgress {
    requireNonNegative("startedAt", startedAt);
    requireNonNegative("pages", pages);
    requireNonNegative("requests", requests);
    requireNonNegative("rows", rows);
    requireNonNegative("bytes", bytes);
    requireNonNegative("retries", retries);
    requireNonNegative("throttled", throttled);
    requireNonNegative("waitedMillis", waitedMillis);
    requireNonNegative("decodedBytes", decodedBytes);
    if (apiTotal < NO_TOTAL) {
      throw new IllegalArgumentException("apiTotal must be >= 0 or NO_TOTAL, got " + apiTotal);
    }
  }

  /** This progress with the API's stated total. */
  public SplitProgress withApiTotal(long total) {
    return new SplitProgress(startedAt, pages, requests, rows, bytes, retries, throttled, waitedMillis, decodedBytes,
        total);
  }

  /** This progress plus one completed page that cost {@code stats}. */
  public SplitProgress plusPage(FetchStats stats) {
    SplitProgress p = plus(stats);
    return new SplitProgress(p.startedAt, p.pages + 1, p.requests, p.rows, p.bytes, p.retries, p.throttled,
        p.waitedMillis, p.decodedBytes, p.apiTotal);
  }

  /** This progress plus requests that cost {@code stats}, no page completed. */
  public SplitProgress plus(FetchStats stats) {
    return new SplitProgress(startedAt, pages, requests + stats.requests(), rows, bytes + stats.bytes(),
        retries + stats.retries(), throttled + stats.throttled(), waitedMillis + stats.waitedMillis(),
        decodedBytes + stats.decodedBytes(), apiTotal);
  }

  private static void requireNonNegative(String name, long value) {
    if (value < 0) {
      throw new IllegalArgumentException(name + " must be >= 0, got " + value);
    }
  }
}
