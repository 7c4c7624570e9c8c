package dev.ingest.sources.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ingest.sources.http.Headers;
import dev.ingest.sources.records.JsonPath;
import dev.ingest.sources.spec.TotalSpec;
import java.util.Optional;

/**
 * Reads the total an API states for the whole result ({@link TotalSpec}) from one response: a header or a body
 * field holding a non-negative whole number (a number or its text). Anything else reads as no total: a wrong
 * shape must not fail a run, it only leaves {@code api_total} empty.
 */
final class StatedTotal {
  private final String header;
  private final JsonPath path;

  StatedTotal(TotalSpec spec) {
    this.header = spec.header();
    this.path = spec.path() == null ? null : JsonPath.parse(spec.path());
  }

  /** The stated total, if the response states one. */
  Optional<Long> read(Headers headers, JsonNode body) {
    if (header != null) {
      return headers.first(header).flatMap(StatedTotal::number);
    }
    return path.find(body).flatMap(node -> node.isIntegralNumber() ? Optional.of(node.asLong())
        : node.isTextual() ? number(node.textValue()) : Optional.empty()).filter(n -> n >= 0);
  }

  private static Optional<Long> number(String text) {
    try {
      long n = Long.parseLong(text.trim());
      return n >= 0 ? Optional.of(n) : Optional.empty();
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
