package dev.ingest.sources.records;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;

/**
 * Parses response bodies and writes records back as compact JSON text. Numbers keep their exact value and scale
 * ({@code 1.10} stays {@code 1.10}; large integers stay exact), so a record reads as the API served it.
 */
public final class JsonBodies {
  private static final ObjectMapper MAPPER = JsonMapper.builder()
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
      .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
      // a record with a key twice is ambiguous (which value is the API's?): refuse the body instead of keeping
      // the last value silently (MalformedRecordsITCase)
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .build();

  private JsonBodies() {}

  /**
   * Parses a whole body as one JSON document.
   *
   * @throws IOException when the body is empty, not JSON, or has trailing content (a truncated or mixed body)
   */
  public static JsonNode parse(byte[] body) throws IOException {
    if (body.length == 0) {
      throw new IOException("empty body");
    }
    JsonNode node;
    try (var parser = MAPPER.createParser(body)) {
      node = MAPPER.readTree(parser);
      if (node == null) {
        throw new IOException("empty body");
      }
      if (parser.nextToken() != null) {
        throw new IOException("trailing content after the JSON document");
      }
    }
    return node;
  }

  /** The node as compact JSON text. */
  public static String write(JsonNode node) {
    try {
      return MAPPER.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialize a JSON tree", e);
    }
  }

  /** The shared mapper (configured as above); do not reconfigure it. */
  public static ObjectMapper mapper() {
    return MAPPER;
  }
}
