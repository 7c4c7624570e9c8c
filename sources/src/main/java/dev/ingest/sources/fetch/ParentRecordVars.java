package dev.ingest.sources.fetch;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ingest.sources.records.JsonBodies;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * The fetch vars a parent record gives its child requests: every scalar field, nested objects by dotted path, as
 * {@code parent.<path>} ({@code {"gid": "12", "owner": {"id": 7}}} gives {@code parent.gid} and
 * {@code parent.owner.id}). Arrays and nulls are skipped; nesting stops at {@value #MAX_DEPTH} levels.
 */
public final class ParentRecordVars {
  static final int MAX_DEPTH = 4;
  private static final String PREFIX = "parent.";

  private ParentRecordVars() {}

  /** The {@code parent.*} vars of a parent record. */
  public static Map<String, String> of(JsonNode record) {
    Map<String, String> vars = new HashMap<>();
    collect(record, "", 0, vars);
    return vars;
  }

  /**
   * The {@code parent.*} vars of a parent record given as JSON text.
   *
   * @throws EndpointException ({@code MALFORMED_RESPONSE}) when the text is not a JSON object
   */
  public static Map<String, String> ofJson(String endpoint, String json) throws EndpointException {
    try {
      JsonNode record = JsonBodies.parse(json.getBytes(StandardCharsets.UTF_8));
      if (record.isObject()) {
        return of(record);
      }
    } catch (IOException e) {
      // reported below
    }
    throw new EndpointException(ErrorClass.MALFORMED_RESPONSE, "a parent record of endpoint '" + endpoint
        + "' is not a JSON object");
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
