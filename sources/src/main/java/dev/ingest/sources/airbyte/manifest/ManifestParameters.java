package dev.ingest.sources.airbyte.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Infers omitted component types and propagates {@code $parameters} as Airbyte's
 * {@code ManifestComponentTransformer} does (default, not parent-wins, mode):
 *
 * <ul>
 *   <li>a mapping without {@code type} gets the default type of its parent field ({@code SimpleRetriever.requester}
 *       is an {@code HttpRequester}), or, with {@code class_name}, the field's {@code Custom*} type;
 *   <li>the parameters in effect are the parent's, overridden by the component's own {@code $parameters};
 *   <li>a JSON-schema object ({@code type: object}) is left as it is; a mapping with no type only passes the
 *       parameters on to its nested typed mappings;
 *   <li>every parameter fills the component field of the same name unless that field holds a truthy value (Python
 *       truthiness: null, false, 0, "" and empty lists or mappings are falsy);
 *   <li>children receive the parameters except the one named like the field they sit in; the parameters in effect
 *       are kept on the component as {@code $parameters} (what {@code {{ parameters.x }}} reads).
 * </ul>
 */
public final class ManifestParameters {
  static final String PARAMETERS = "$parameters";
  private static final int MAX_DEPTH = 200;

  private ManifestParameters() {}

  /** A copy of a reference-resolved manifest with types and parameters propagated. */
  public static JsonNode propagate(JsonNode manifest) {
    if (!manifest.isObject()) {
      return manifest.deepCopy();
    }
    return propagate("", (ObjectNode) manifest, new LinkedHashMap<>(), 0);
  }

  private static ObjectNode propagate(String parentField, ObjectNode component, Map<String, JsonNode> parentParameters,
      int depth) {
    ObjectNode out = component.deepCopy();
    if (depth > MAX_DEPTH) {
      return out;
    }
    if (!out.has("type")) {
      String found = out.has("class_name") ? ComponentTypes.customType(parentField)
          : ComponentTypes.defaultType(parentField);
      if (found != null) {
        out.set("type", TextNode.valueOf(found));
      }
    }
    Map<String, JsonNode> current = new LinkedHashMap<>(parentParameters);
    JsonNode own = out.remove(PARAMETERS);
    if (own != null && own.isObject()) {
      own.fields().forEachRemaining(e -> current.put(e.getKey(), e.getValue()));
    }
    if (isJsonSchemaObject(out)) {
      return out;
    }
    if (!out.has("type")) {
      List<String> names = new ArrayList<>();
      out.fieldNames().forEachRemaining(names::add);
      for (String name : names) {
        JsonNode value = out.get(name);
        if (value.isObject() && value.hasNonNull("type") && truthy(value.get("type"))) {
          out.set(name, propagate(parentField, (ObjectNode) value, current, depth + 1));
        }
      }
      return out;
    }
    for (Map.Entry<String, JsonNode> parameter : current.entrySet()) {
      JsonNode existing = out.get(parameter.getKey());
      if (existing == null || !truthy(existing)) {
        out.set(parameter.getKey(), parameter.getValue().deepCopy());
      }
    }
    String type = out.get("type").isTextual() ? out.get("type").textValue() : out.get("type").toString();
    List<String> names = new ArrayList<>();
    out.fieldNames().forEachRemaining(names::add);
    for (String name : names) {
      JsonNode value = out.get(name);
      if (!value.isObject() && !value.isArray()) {
        continue;
      }
      JsonNode excluded = current.remove(name);
      String identifier = type + "." + name;
      if (value.isObject()) {
        out.set(name, propagate(identifier, (ObjectNode) value, current, depth + 1));
      } else {
        ArrayNode list = (ArrayNode) value;
        for (int i = 0; i < list.size(); i++) {
          if (list.get(i).isObject()) {
            list.set(i, propagate(identifier, (ObjectNode) list.get(i), current, depth + 1));
          }
        }
      }
      if (excluded != null && truthy(excluded)) {
        current.put(name, excluded);
      }
    }
    if (!current.isEmpty()) {
      ObjectNode parameters = out.objectNode();
      current.forEach((k, v) -> parameters.set(k, v.deepCopy()));
      out.set(PARAMETERS, parameters);
    }
    return out;
  }

  private static boolean isJsonSchemaObject(ObjectNode component) {
    JsonNode type = component.get("type");
    if (type == null) {
      return false;
    }
    if (type.isTextual()) {
      return type.textValue().equals("object");
    }
    return type.isArray() && type.size() == 2 && "null".equals(type.get(0).asText())
        && "object".equals(type.get(1).asText());
  }

  /** Python truthiness of a YAML value. */
  static boolean truthy(JsonNode value) {
    if (value == null || value.isNull() || value.isMissingNode()) {
      return false;
    }
    if (value.isBoolean()) {
      return value.booleanValue();
    }
    if (value.isNumber()) {
      return value.doubleValue() != 0;
    }
    if (value.isTextual()) {
      return !value.textValue().isEmpty();
    }
    return value.size() > 0;
  }
}
