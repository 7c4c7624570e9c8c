package dev.ingest.sources.fetch;

/**
 * What one page fetch cost.
 *
 * @param requests HTTP attempts sent, retries included: every attempt that reached the transport counts, whether
 *     it got a response, timed out, was reset or could not connect
 * @param retries attempts after the first
 * @param throttled responses that were rate limits (429 and equivalents)
 * @param bytes wire bytes: response bodies as they came over the connection, before content decoding (the gzip
 *     size when the server compressed); status lines, headers and chunk framing are not included
 * @param waitedMillis milliseconds spent waiting on rate limits or backoff
 * @param decodedBytes the same bodies after content decoding (un-gzipped), what the JSON parser read
 */
public record FetchStats(int requests, int retries, int throttled, long bytes, long waitedMillis,
    long decodedBytes) {
  public static final FetchStats NONE = new FetchStats(0, 0, 0, 0, 0, 0);

  /** Stats of uncompressed responses: the decoded bytes are the wire bytes. */
  public FetchStats(int requests, int retries, int throttled, long bytes, long waitedMillis) {
    this(requests, retries, throttled, bytes, waitedMillis, bytes);
  }

  public FetchStats plus(FetchStats other) {
    return new FetchStats(
        requests + other.requests,
        retries + other.retries,
        throttled + other.throttled,
        bytes + other.bytes,
        waitedMillis + other.waitedMillis,
        decodedBytes + other.decodedBytes);
  }
}
