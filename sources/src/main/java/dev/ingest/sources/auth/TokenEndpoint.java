package dev.ingest.sources.auth;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ingest.sources.fetch.EndpointException;
import dev.ingest.sources.http.ApiRequest;

/**
 * Sends a token request and returns the JSON answer. The runtime implements it with its retrying executor (5xx,
 * resets and timeouts are retried; any other failure is an {@link EndpointException}).
 */
@FunctionalInterface
public interface TokenEndpoint {
  JsonNode post(ApiRequest request) throws EndpointException, InterruptedException;
}
