package dev.ingest.sinks.schema;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;

/**
 * The one shared Jackson configuration for reading API records and writing JSON text back out.
 *
 * <p>Reading is strict where leniency would lose data silently: duplicate keys in an object and trailing content
 * after the value are errors. Jackson's own limits apply (nesting depth 1000, strings up to 20 MB); tree
 * building is iterative, so deep documents do not exhaust the stack. Instances are thread-safe.
 */
public final class JsonRecords {

  private static final ObjectMapper MAPPER =
      new ObjectMapper()
          .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  private static final ObjectReader READER = MAPPER.reader();
  private static final ObjectWriter WRITER = MAPPER.writer();

  private JsonRecords() {}

  /** The shared mapper (configured as described above); do not reconfigure it. */
  public static ObjectMapper mapper() {
    return MAPPER;
  }

  /**
   * Parses one record that must be a JSON object.
   *
   * @throws JsonProcessingException when the text is not valid JSON
   * @throws IllegalArgumentException when it is valid JSON but not an object (the message names what it is)
   */
  public static ObjectNode parseObject(String json) throws JsonProcessingException {
    if (json == null) {
      throw new IllegalArgumentException("record is null");
    }
    JsonNode node = READER.readTree(json);
    if (node == null || node.isMissingNode()) {
      throw new IllegalArgumentException("record is empty");
    }
    if (!node.isObject()) {
      throw new IllegalArgumentException("record is a JSON " + node.getNodeType().name().toLowerCase() + ", not an object");
    }
    return (ObjectNode) node;
  }

  /** Compact JSON text of a value. */
  public static String toJson(JsonNode node) {
    try {
      return WRITER.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("cannot write JSON", e);
    }
  }
}
