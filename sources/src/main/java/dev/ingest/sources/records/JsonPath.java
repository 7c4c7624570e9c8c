package dev.ingest.sources.records;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.Serializable;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A dotted path into a JSON document: {@code $} (the root), {@code data.items}, {@code $.paging.next.after}.
 * Segments are object keys; a leading {@code $.} is optional. No wildcards, no array indexes.
 */
public final class JsonPath implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final Pattern SEGMENT = Pattern.compile("[^.\\s\\[\\]*]+");

  private final String text;
  private final List<String> segments;

  private JsonPath(String text, List<String> segments) {
    this.text = text;
    this.segments = segments;
  }

  /**
   * Parses {@code text}.
   *
   * @throws IllegalArgumentException with a message fit for a field error when the syntax is wrong
   */
  public static JsonPath parse(String text) {
    Objects.requireNonNull(text, "path");
    String body = text.trim();
    if (body.equals("$")) {
      return new JsonPath(text, List.of());
    }
    if (body.startsWith("$.")) {
      body = body.substring(2);
    }
    String[] parts = body.split("\\.", -1);
    for (String part : parts) {
      if (!SEGMENT.matcher(part).matches()) {
        throw new IllegalArgumentException("invalid JSON path '" + text
            + "' (expected '$' for the root or dotted keys such as 'data.items' or '$.results')");
      }
    }
    return new JsonPath(text, List.of(parts));
  }

  /** The object keys from the root, in order; empty for {@code $}. */
  List<String> segments() {
    return segments;
  }

  /** True for {@code $}. */
  public boolean isRoot() {
    return segments.isEmpty();
  }

  /** The node at this path, or empty when a segment is missing (a JSON null is returned as a null node). */
  public Optional<JsonNode> find(JsonNode document) {
    JsonNode node = document;
    for (String segment : segments) {
      if (node == null || !node.isObject()) {
        return Optional.empty();
      }
      node = node.get(segment);
    }
    return Optional.ofNullable(node);
  }

  /** The text at this path, or empty when missing, null, an empty string, or not a scalar. */
  public Optional<String> findText(JsonNode document) {
    return find(document)
        .filter(JsonNode::isValueNode)
        .filter(n -> !n.isNull())
        .map(JsonNode::asText)
        .filter(s -> !s.isEmpty());
  }

  /**
   * {@link #findText(JsonNode)} over a parser positioned before a document's first token, reading only the
   * tokens on the way to the path (other values are skipped, never built): the same text for the same document.
   * Numbers read as the tree reads them (integers exactly, other numbers as decimals, e.g. {@code 1E+5} for
   * {@code 1e5}).
   */
  public Optional<String> findText(JsonParser parser) throws IOException {
    JsonToken token = parser.nextToken();
    for (String segment : segments) {
      if (token != JsonToken.START_OBJECT) {
        return Optional.empty();
      }
      token = null;
      for (String name = parser.nextFieldName(); name != null; name = parser.nextFieldName()) {
        JsonToken value = parser.nextToken();
        if (name.equals(segment)) {
          token = value;
          break;
        }
        parser.skipChildren();
      }
      if (token == null) {
        return Optional.empty();
      }
    }
    String text = token == null ? null : switch (token) {
      case VALUE_STRING -> parser.getText();
      case VALUE_NUMBER_INT -> parser.getNumberValue().toString();
      case VALUE_NUMBER_FLOAT -> parser.getDecimalValue().toString();
      case VALUE_TRUE -> "true";
      case VALUE_FALSE -> "false";
      default -> null;
    };
    return text == null || text.isEmpty() ? Optional.empty() : Optional.of(text);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof JsonPath p && p.segments.equals(segments);
  }

  @Override
  public int hashCode() {
    return segments.hashCode();
  }

  /** The path as written. */
  @Override
  public String toString() {
    return text;
  }
}
