package dev.ingest.sources.paging;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ingest.sources.http.Headers;
import java.util.Objects;

/**
 * What a paginator may look at in a response.
 *
 * @param headers the response headers
 * @param body the parsed body
 * @param recordCount how many records the page held
 */
public record PageResponse(Headers headers, JsonNode body, int recordCount) {
  public PageResponse {
    Objects.requireNonNull(headers, "headers");
    Objects.requireNonNull(body, "body");
  }
}
