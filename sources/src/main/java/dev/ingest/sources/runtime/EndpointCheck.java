package dev.ingest.sources.runtime;

import dev.ingest.sources.fetch.ErrorClass;
import dev.ingest.sources.fetch.FetchStats;

/**
 * The outcome of fetching the first page of one endpoint ({@code ./ingest check}).
 *
 * @param endpoint the endpoint name
 * @param errorClass null when the page was fetched, else why it failed
 * @param message null when the page was fetched, else a redacted message
 * @param records records on the first page (0 on failure)
 * @param hasMore whether the first page names a next page
 * @param stats what the check cost
 * @param httpStatus on failure the last HTTP status seen (0 when the failure was not an HTTP response); 0 when the
 *     page was fetched (the runtime accepts only 2xx pages)
 * @param firstRecord the first record of the first page as JSON text, as the run would parse it; null on failure or
 *     for an empty page. It may hold the API's data: callers showing it redact it first
 */
public record EndpointCheck(String endpoint, ErrorClass errorClass, String message, int records, boolean hasMore,
    FetchStats stats, int httpStatus, String firstRecord) {

  /** A check without status or record (what {@code ./ingest check} prints). */
  public EndpointCheck(
      String endpoint, ErrorClass errorClass, String message, int records, boolean hasMore, FetchStats stats) {
    this(endpoint, errorClass, message, records, hasMore, stats, 0, null);
  }

  /** The first record, when the page was fetched and had one. */
  public java.util.Optional<String> first() {
    return java.util.Optional.ofNullable(firstRecord);
  }

  /** True when the first page was fetched. */
  public boolean ok() {
    return errorClass == null;
  }
}
