package dev.ingest.sources.spec;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collection;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Reads the keys of one YAML mapping, reporting type errors by dotted path and, at the end, every key nobody
 * read as an unknown field (with a suggestion when a known key is one or two edits away).
 */
final class Fields {
  private final JsonNode node;
  private final String path;
  private final UnaryOperator<String> keyPath;
  private final Problems problems;
  private final Set<String> read = new HashSet<>();

  private Fields(JsonNode node, String path, UnaryOperator<String> keyPath, Problems problems) {
    this.node = node;
    this.path = path;
    this.keyPath = keyPath;
    this.problems = problems;
  }

  /** Fields of {@code node} at {@code path}; a non-mapping is reported and read as empty. */
  static Fields of(JsonNode node, String path, Problems problems) {
    return of(node, path, key -> Problems.join(path, key), problems);
  }

  /** As {@link #of(JsonNode, String, Problems)} with a custom path per key (merged paging blocks). */
  static Fields of(JsonNode node, String path, UnaryOperator<String> keyPath, Problems problems) {
    if (node != null && !node.isNull() && !node.isObject()) {
      problems.add(path, "must be a mapping");
      node = null;
    }
    return new Fields(node, path, keyPath, problems);
  }

  String path() {
    return path;
  }

  String path(String key) {
    return keyPath.apply(key);
  }

  /** True when {@code key} is present with a non-null value. */
  boolean has(String key) {
    return node != null && node.hasNonNull(key);
  }

  /** The raw value of {@code key} (null when absent or null), marking it as read. */
  JsonNode get(String key) {
    read.add(key);
    return has(key) ? node.get(key) : null;
  }

  /** A string value, or null when absent; a non-string is reported. */
  String string(String key) {
    JsonNode v = get(key);
    if (v == null) {
      return null;
    }
    if (!v.isTextual()) {
      problems.add(path(key), "must be a string");
      return null;
    }
    return v.asText();
  }

  /** A non-empty string value; reports {@code required} when absent. */
  String requiredString(String key) {
    boolean present = has(key);
    String s = string(key);
    if (!present) {
      problems.add(path(key), "required");
    } else if (s != null && s.isBlank()) {
      problems.add(path(key), "must not be empty");
      return null;
    }
    return s;
  }

  /** A string, number or boolean value as text, or null when absent. */
  String scalar(String key) {
    JsonNode v = get(key);
    if (v == null) {
      return null;
    }
    if (!v.isValueNode()) {
      problems.add(path(key), "must be a string, number or boolean");
      return null;
    }
    return v.asText();
  }

  boolean bool(String key, boolean defaultValue) {
    JsonNode v = get(key);
    if (v == null) {
      return defaultValue;
    }
    if (!v.isBoolean()) {
      problems.add(path(key), "must be true or false");
      return defaultValue;
    }
    return v.booleanValue();
  }

  long integer(String key, long defaultValue, long min, long max) {
    JsonNode v = get(key);
    if (v == null) {
      return defaultValue;
    }
    if (!v.isIntegralNumber() || !v.canConvertToLong() || v.longValue() < min || v.longValue() > max) {
      problems.add(path(key), "must be an integer between " + min + " and " + max);
      return defaultValue;
    }
    return v.longValue();
  }

  /** Marks {@code keys}, when present, as errors with {@code message} (options that do not apply). */
  void rejectPresent(Collection<String> keys, String message) {
    for (String key : keys) {
      if (node != null && node.has(key)) {
        read.add(key);
        problems.add(path(key), message);
      }
    }
  }

  /** The keys of the mapping, in order. */
  Iterable<String> keys() {
    return node == null ? Set.of() : node::fieldNames;
  }

  /** Reports every key not read so far as an unknown field; {@code known} feeds the suggestion. */
  void rejectUnknown(Collection<String> known) {
    if (node == null) {
      return;
    }
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (!read.contains(key)) {
        String hint = Suggestions.closest(key, known).map(k -> " (did you mean '" + k + "'?)").orElse("");
        problems.add(path(key), "unknown field" + hint);
      }
    }
  }
}
