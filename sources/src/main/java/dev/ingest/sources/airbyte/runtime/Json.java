package dev.ingest.sources.airbyte.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ingest.sources.records.JsonBodies;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** JSON text to nodes and back with the runtime's exact-number mapper. */
final class Json {
  private Json() {}

  static JsonNode parse(String json) {
    try {
      return JsonBodies.parse(json.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("not JSON: " + e.getMessage(), e);
    }
  }

  /** A plain Java value (map, list, scalar) as a JSON node. */
  static JsonNode node(Object plain) {
    return JsonBodies.mapper().valueToTree(plain);
  }
}
