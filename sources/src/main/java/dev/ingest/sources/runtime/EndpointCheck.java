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
 */
public record EndpointCheck(
    String endpoint, ErrorClass errorClass, String message, int records, boolean hasMore, FetchStats stats) {

  /** True when the first page was fetched. */
  public boolean ok() {
    return errorClass == null;
  }
}
