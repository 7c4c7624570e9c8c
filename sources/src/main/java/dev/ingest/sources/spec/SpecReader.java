package dev.ingest.sources.spec;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads typed values out of a YAML/JSON tree while collecting {@link FieldError}s with dotted paths, so a loader
 * reports every problem of a definition at once instead of stopping at the first.
 */
public final class SpecReader {
  private final String source;
  private final List<FieldError> errors = new ArrayList<>();

  public SpecReader(String source) {
    this.source = source;
  }

  public static String path(String parent, String child) {
    return parent.isEmpty() ? child : parent + "." + child;
  }

  public void error(String path, String message) {
    errors.add(new FieldError(path, message));
  }

  public List<FieldError> errors() {
    return List.copyOf(errors);
  }

  public boolean hasErrors() {
    return !errors.isEmpty();
  }

  /** Throws a {@link SpecException} listing every error collected so far, if any. */
  public void throwIfErrors() throws SpecException {
    if (!errors.isEmpty()) {
      throw new SpecException(source, errors);
    }
  }

  /** Rejects keys of {@code node} not in {@code allowed}. */
  public void onlyKeys(JsonNode node, String path, Set<String> allowed) {
    if (node == null || !node.isObject()) {
      return;
    }
    Iterator<String> names = node.fieldNames();
    while (names.hasNext()) {
      String name = names.next();
      if (!allowed.contains(name)) {
        error(path(path, name), "unknown field");
      }
    }
  }

  /** A required string; records {@code required} or a type error. */
  public String requiredString(JsonNode parent, String path, String field) {
    JsonNode node = parent == null ? null : parent.get(field);
    if (node == null || node.isNull()) {
      error(path(path, field), "required");
      return null;
    }
    return string(node, path(path, field));
  }

  public Optional<String> optionalString(JsonNode parent, String path, String field) {
    JsonNode node = parent == null ? null : parent.get(field);
    if (node == null || node.isNull()) {
      return Optional.empty();
    }
    return Optional.ofNullable(string(node, path(path, field)));
  }

  /** A scalar as text (numbers and booleans are accepted and printed); objects and arrays are errors. */
  public String string(JsonNode node, String fullPath) {
    if (node.isTextual()) {
      return node.textValue();
    }
    if (node.isNumber() || node.isBoolean()) {
      return node.asText();
    }
    error(fullPath, "expected a string, got " + describe(node));
    return null;
  }

  public Optional<Integer> optionalInt(JsonNode parent, String path, String field, int min, int max) {
    JsonNode node = parent == null ? null : parent.get(field);
    if (node == null || node.isNull()) {
      return Optional.empty();
    }
    String p = path(path, field);
    if (!node.isIntegralNumber() || !node.canConvertToInt()) {
      error(p, "expected an integer, got " + describe(node));
      return Optional.empty();
    }
    int value = node.intValue();
    if (value < min || value > max) {
      error(p, "must be between " + min + " and " + max + ", got " + value);
      return Optional.empty();
    }
    return Optional.of(value);
  }

  /** An optional mapping; a non-object is an error. */
  public Optional<JsonNode> optionalObject(JsonNode parent, String path, String field) {
    JsonNode node = parent == null ? null : parent.get(field);
    if (node == null || node.isNull()) {
      return Optional.empty();
    }
    if (!node.isObject()) {
      error(path(path, field), "expected a mapping, got " + describe(node));
      return Optional.empty();
    }
    return Optional.of(node);
  }

  /** A mapping of string values (e.g. headers, query parameters, config values). */
  public Map<String, String> stringMap(JsonNode parent, String path, String field) {
    Map<String, String> out = new java.util.LinkedHashMap<>();
    optionalObject(parent, path, field).ifPresent(obj -> obj.fields().forEachRemaining(e -> {
      String value = string(e.getValue(), path(path(path, field), e.getKey()));
      if (value != null) {
        out.put(e.getKey(), value);
      }
    }));
    return out;
  }

  /** Checks {@code value} against {@code pattern}, recording {@code message} on mismatch. */
  public boolean matches(String value, Pattern pattern, String fullPath, String message) {
    if (value != null && !pattern.matcher(value).matches()) {
      error(fullPath, message);
      return false;
    }
    return value != null;
  }

  public static String describe(JsonNode node) {
    if (node.isObject()) {
      return "a mapping";
    }
    if (node.isArray()) {
      return "a list";
    }
    if (node.isTextual()) {
      return "a string";
    }
    if (node.isBoolean()) {
      return "a boolean";
    }
    if (node.isNumber()) {
      return "a number";
    }
    return node.getNodeType().toString().toLowerCase(java.util.Locale.ROOT);
  }
}
