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
 * @param lastRecord the page's last record, or null when it had none
 */
public record PageResponse(Headers headers, JsonNode body, int recordCount, JsonNode lastRecord) {
  public PageResponse {
    Objects.requireNonNull(headers, "headers");
    Objects.requireNonNull(body, "body");
  }

  /** A response whose last record is not needed by the paginator. */
  public PageResponse(Headers headers, JsonNode body, int recordCount) {
    this(headers, body, recordCount, null);
  }
}
