package dev.ingest.sources.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ingest.sources.fetch.FetchStats;
import dev.ingest.sources.http.ApiResponse;

/**
 * A successful request: the final response, its parsed body, and what it cost including retries.
 *
 * @param response the 2xx response
 * @param body its body as JSON
 * @param stats requests, retries, rate limits, bytes and waits of this request
 */
public record Exchange(ApiResponse response, JsonNode body, FetchStats stats) {}
