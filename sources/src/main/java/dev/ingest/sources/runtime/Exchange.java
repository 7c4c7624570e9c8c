package dev.ingest.sources.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ingest.sources.fetch.FetchStats;
import dev.ingest.sources.http.ApiResponse;
import dev.ingest.sources.records.RecordSelector;

/**
 * A successful request: the final response, its parsed body, and what it cost including retries.
 *
 * @param response the 2xx response
 * @param body its body as JSON; when {@code split} is set, the envelope only (the records array left empty)
 * @param stats requests, retries, rate limits, bytes and waits of this request
 * @param split the records cut out of the body's bytes, when the request was executed with a
 *     {@link RecordSelector} to split by (page requests); null when the whole body was parsed into a tree
 */
public record Exchange(ApiResponse response, JsonNode body, FetchStats stats, RecordSelector.Split split) {
  /** An exchange whose whole body was parsed into a tree. */
  public Exchange(ApiResponse response, JsonNode body, FetchStats stats) {
    this(response, body, stats, null);
  }
}
