package dev.ingest.sources.records;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonEOFException;
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
      throw new EmptyBodyException();
    }
    JsonNode node;
    try (var parser = MAPPER.createParser(body)) {
      node = MAPPER.readTree(parser);
      if (node == null) {
        throw new EmptyBodyException();
      }
      if (parser.nextToken() != null) {
        throw new IOException("trailing content after the JSON document");
      }
    }
    return node;
  }

  /**
   * Whether a {@link #parse} failure looks like a body cut short on the way (empty, or JSON that ends before its
   * document does), which another attempt may cure; every other failure (not JSON at all, {@code NaN}, duplicate
   * keys, nesting or size limits, trailing content) comes out the same on every attempt.
   */
  public static boolean cutShort(IOException parseFailure) {
    return parseFailure instanceof JsonEOFException || parseFailure instanceof EmptyBodyException
        // "Unexpected end-of-input within/between Array entries": Jackson reports some ends as a parse error
        || parseFailure instanceof JsonParseException parse
            && String.valueOf(parse.getOriginalMessage()).contains("end-of-input");
  }

  /** An empty body, or one of whitespace only. */
  static final class EmptyBodyException extends IOException {
    private static final long serialVersionUID = 1L;

    EmptyBodyException() {
      super("empty body");
    }
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
