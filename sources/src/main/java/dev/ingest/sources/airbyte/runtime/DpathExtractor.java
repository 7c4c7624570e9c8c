package dev.ingest.sources.airbyte.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * Airbyte's {@code DpathExtractor}: the records at {@code field_path} (segments interpolated with config and
 * parameters; {@code *} matches every key or element). An empty path means the whole body; a list yields its
 * elements, an object one record, a missing or empty value none (Airbyte reads a missing path as no records, not
 * an error).
 */
final class DpathExtractor implements Serializable {
  private static final long serialVersionUID = 1L;
  private final Component component;
  private final Templates templates;

  DpathExtractor(Component component, Templates templates) {
    this.component = component;
    this.templates = templates;
  }

  List<JsonNode> extract(JsonNode body, EvalContext context) {
    List<String> path = new ArrayList<>();
    component.field("field_path").forEach(segment -> path.add(segment.isTextual()
        ? Templates.asText(templates.evaluate(component, "field_path", segment.textValue(), context))
        : segment.asText()));
    List<JsonNode> extracted = new ArrayList<>();
    if (path.contains("*")) {
      collect(body, path, 0, extracted);
    } else {
      JsonNode at = get(body, path);
      if (at != null) {
        extracted.add(at);
      }
    }
    List<JsonNode> records = new ArrayList<>();
    for (JsonNode value : extracted) {
      if (!path.contains("*") && value.isArray()) {
        value.forEach(records::add);
      } else if (Truthy.of(value) || path.contains("*")) {
        records.add(value);
      }
    }
    return records;
  }

  private static JsonNode get(JsonNode node, List<String> path) {
    JsonNode at = node;
    for (String segment : path) {
      at = step(at, segment);
      if (at == null) {
        return null;
      }
    }
    return at;
  }

  private static void collect(JsonNode node, List<String> path, int index, List<JsonNode> out) {
    if (index == path.size()) {
      out.add(node);
      return;
    }
    String segment = path.get(index);
    if (segment.equals("*")) {
      if (node.isObject() || node.isArray()) {
        node.forEach(child -> collect(child, path, index + 1, out));
      }
      return;
    }
    JsonNode next = step(node, segment);
    if (next != null) {
      collect(next, path, index + 1, out);
    }
  }

  static JsonNode step(JsonNode node, String segment) {
    if (node.isObject()) {
      return node.get(segment);
    }
    if (node.isArray() && segment.matches("\\d{1,9}")) {
      int i = Integer.parseInt(segment);
      return i < node.size() ? node.get(i) : null;
    }
    return null;
  }

  /** Python truthiness of a JSON value. */
  static final class Truthy {
    private Truthy() {}

    static boolean of(JsonNode value) {
      return Truthiness.truthy(EvalContext.plain(value));
    }
  }
}
