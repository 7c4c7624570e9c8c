package dev.ingest.sources.airbyte.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * A stream's {@code transformations}, in order: {@code RemoveFields} deletes each of its {@code field_pointers}
 * ({@code *} matches every key; a missing path is no error); {@code AddFields} sets each field's {@code path} to its
 * interpolated {@code value} (the record as {@code record}), creating parent objects as needed.
 */
final class RecordTransformations implements Serializable {
  private static final long serialVersionUID = 1L;
  private final List<Component> steps;
  private final Templates templates;

  RecordTransformations(List<Component> steps, Templates templates) {
    this.steps = List.copyOf(steps);
    this.templates = templates;
  }

  /** True when the stream has no transformation: records are kept as extracted. */
  boolean isEmpty() {
    return steps.isEmpty();
  }

  void apply(ObjectNode record, EvalContext context) {
    for (Component step : steps) {
      switch (step.type()) {
        case "RemoveFields" -> step.field("field_pointers").forEach(pointer -> {
          List<String> path = new ArrayList<>();
          pointer.forEach(segment -> path.add(segment.asText()));
          remove(record, path, 0);
        });
        case "AddFields" -> {
          for (int i = 0; i < step.field("fields").size(); i++) {
            Component field = step.element("fields", i);
            Object value = templates.value(field, "value", context.withRecord(record));
            List<String> path = new ArrayList<>();
            field.field("path").forEach(segment -> path.add(segment.asText()));
            if (!path.isEmpty()) {
              put(record, path, Json.node(ValueTypes.cast(value, field)));
            }
          }
        }
        default -> throw step.refuse(step.type() + " is not supported");
      }
    }
  }

  private static void remove(JsonNode node, List<String> path, int index) {
    if (node == null || index >= path.size()) {
      return;
    }
    String segment = path.get(index);
    boolean last = index == path.size() - 1;
    if (segment.equals("*")) {
      if (last && node.isObject()) {
        ((ObjectNode) node).removeAll();
      } else {
        node.forEach(child -> remove(child, path, index + 1));
      }
      return;
    }
    if (last) {
      if (node.isObject()) {
        ((ObjectNode) node).remove(segment);
      }
      return;
    }
    remove(DpathExtractor.step(node, segment), path, index + 1);
  }

  private static void put(ObjectNode record, List<String> path, JsonNode value) {
    ObjectNode at = record;
    for (int i = 0; i < path.size() - 1; i++) {
      JsonNode next = at.get(path.get(i));
      if (!(next instanceof ObjectNode)) {
        next = at.putObject(path.get(i));
      }
      at = (ObjectNode) next;
    }
    at.set(path.get(path.size() - 1), value);
  }
}
