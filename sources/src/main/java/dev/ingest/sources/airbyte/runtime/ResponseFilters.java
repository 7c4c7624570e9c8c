package dev.ingest.sources.airbyte.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code IGNORE} filters of a requester's {@code DefaultErrorHandler} (or of each handler of a
 * {@code CompositeErrorHandler}): a response whose status is in a filter's {@code http_codes} yields no records and
 * ends the stream's (or partition's) paging, as Airbyte ignores it. Every other status is classified and retried by
 * the runtime's retry policy (429 and 5xx retried with backoff and {@code Retry-After}, other 4xx fail).
 */
final class ResponseFilters implements Serializable {
  private static final long serialVersionUID = 1L;
  private final List<Integer> ignored;

  private ResponseFilters(List<Integer> ignored) {
    this.ignored = List.copyOf(ignored);
  }

  static ResponseFilters of(Component errorHandler) {
    List<Integer> ignored = new ArrayList<>();
    if (errorHandler != null) {
      collect(errorHandler.node(), ignored);
    }
    return new ResponseFilters(ignored);
  }

  private static void collect(JsonNode handler, List<Integer> ignored) {
    handler.path("error_handlers").forEach(h -> collect(h, ignored));
    for (JsonNode filter : handler.path("response_filters")) {
      if ("IGNORE".equals(filter.path("action").asText())) {
        filter.path("http_codes").forEach(code -> ignored.add(code.asInt()));
      }
    }
  }

  /** True when a response with {@code status} is to be ignored. */
  boolean ignores(int status) {
    return ignored.contains(status);
  }
}
