package dev.ingest.sources.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * The fetch vars a parent record gives its child requests: every scalar field, nested objects by dotted path, as
 * {@code parent.<path>} ({@code {"gid": "12", "owner": {"id": 7}}} gives {@code parent.gid} and
 * {@code parent.owner.id}). Arrays and nulls are skipped; nesting stops at {@value #MAX_DEPTH} levels.
 */
final class ParentRecordVars {
  static final int MAX_DEPTH = 4;
  private static final String PREFIX = "parent.";

  private ParentRecordVars() {}

  static Map<String, String> of(JsonNode record) {
    Map<String, String> vars = new HashMap<>();
    collect(record, "", 0, vars);
    return vars;
  }

  private static void collect(JsonNode node, String path, int depth, Map<String, String> vars) {
    if (node.isObject() && depth < MAX_DEPTH) {
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        if (field.getKey().matches("[A-Za-z0-9_]+")) {
          collect(field.getValue(), path.isEmpty() ? field.getKey() : path + "." + field.getKey(), depth + 1, vars);
        }
      }
    } else if (node.isValueNode() && !node.isNull() && !path.isEmpty()) {
      vars.put(PREFIX + path, node.asText());
    }
  }
}
