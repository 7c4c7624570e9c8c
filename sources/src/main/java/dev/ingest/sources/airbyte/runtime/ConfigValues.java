package dev.ingest.sources.airbyte.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The typed {@code config} an Airbyte template sees, from the pipeline's text values and the secret's fields:
 * each value takes the JSON-schema type of its {@code connection_specification} property ({@code integer} and
 * {@code number} as numbers, {@code boolean} as a boolean, {@code array} and {@code object} parsed from JSON);
 * properties with a {@code default} and no value take the default.
 */
public final class ConfigValues {
  private ConfigValues() {}

  /**
   * @throws IllegalArgumentException naming {@code config.<key>} when a value does not have its declared type
   */
  public static Map<String, Object> typed(Map<String, String> values, JsonNode connectionSpecification) {
    JsonNode properties = connectionSpecification.path("properties");
    Map<String, Object> typed = new LinkedHashMap<>();
    properties.fields().forEachRemaining(p -> {
      if (p.getValue().has("default")) {
        typed.put(p.getKey(), EvalContext.plain(p.getValue().get("default")));
      }
    });
    values.forEach((key, value) -> {
      int dot = key.indexOf('.');
      if (dot > 0 && !properties.has(key)) { // credentials.client_secret: into the credentials mapping
        String parent = key.substring(0, dot);
        Map<String, Object> nested = typed.get(parent) instanceof Map<?, ?> m ? copy(m) : new LinkedHashMap<>();
        nested.put(key.substring(dot + 1), typed(key, value, SpecProperties.property(connectionSpecification, key)));
        typed.put(parent, nested);
      } else if (typed.get(key) instanceof Map<?, ?> existing
          && typed(key, value, properties.path(key)) instanceof Map<?, ?> given) {
        Map<String, Object> merged = copy(given);
        existing.forEach((k, v) -> merged.putIfAbsent(String.valueOf(k), v)); // dotted values given earlier
        typed.put(key, merged);
      } else {
        typed.put(key, typed(key, value, properties.path(key)));
      }
    });
    return typed;
  }

  private static Map<String, Object> copy(Map<?, ?> map) {
    Map<String, Object> out = new LinkedHashMap<>();
    map.forEach((k, v) -> out.put(String.valueOf(k), v));
    return out;
  }

  /** One value with its property's type. */
  public static Object typed(String key, String value, JsonNode property) {
    String type = type(property);
    try {
      return switch (type) {
        case "integer" -> Long.parseLong(value.trim());
        case "number" -> Double.parseDouble(value.trim());
        case "boolean" -> {
          if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
            throw new IllegalArgumentException("config." + key + ": must be true or false");
          }
          yield Boolean.parseBoolean(value);
        }
        case "array", "object" -> EvalContext.plain(Json.parse(value));
        default -> value;
      };
    } catch (NumberFormatException | java.io.UncheckedIOException e) {
      throw new IllegalArgumentException("config." + key + ": must be " + (type.equals("array")
          || type.equals("object") ? "a JSON " + type : "a" + (type.equals("integer") ? "n " : " ") + type));
    }
  }

  /** The property's JSON-schema type, the first non-null one of a type list; {@code string} when unknown. */
  public static String type(JsonNode property) {
    JsonNode type = property.path("type");
    if (type.isTextual()) {
      return type.textValue();
    }
    for (JsonNode t : type) {
      if (!"null".equals(t.asText())) {
        return t.asText();
      }
    }
    return "string";
  }
}
