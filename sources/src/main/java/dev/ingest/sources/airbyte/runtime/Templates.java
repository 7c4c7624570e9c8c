package dev.ingest.sources.airbyte.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Evaluates a component's template fields with the component's own {@code $parameters}: strings through the
 * {@link Interpolation}, other YAML values (numbers, booleans) as they are, mappings and lists leaf by leaf (as
 * Airbyte's {@code InterpolatedNestedMapping} does). Errors name the component path and field.
 */
public final class Templates implements Serializable {
  private static final long serialVersionUID = 1L;
  private final Interpolation interpolation;

  public Templates(Interpolation interpolation) {
    this.interpolation = Objects.requireNonNull(interpolation, "interpolation");
  }

  /** The interpolation these templates evaluate with. */
  public Interpolation interpolation() {
    return interpolation;
  }

  /** The typed value of {@code component.field}; null when the field is absent. */
  public Object value(Component component, String field, EvalContext context) {
    JsonNode raw = component.field(field);
    if (raw.isMissingNode() || raw.isNull()) {
      return null;
    }
    return nested(raw, component, field, context.withParameters(component.parameters()));
  }

  /** The value of {@code component.field} as text; {@code fallback} when absent or null. */
  public String text(Component component, String field, EvalContext context, String fallback) {
    Object value = value(component, field, context);
    return value == null ? fallback : asText(value);
  }

  /** {@code component.field} as an Airbyte condition; {@code fallback} when absent. */
  public boolean condition(Component component, String field, EvalContext context, boolean fallback) {
    JsonNode raw = component.field(field);
    if (raw.isMissingNode() || raw.isNull()) {
      return fallback;
    }
    if (raw.isBoolean()) {
      return raw.booleanValue();
    }
    try {
      return interpolation.condition(raw.asText(), context.withParameters(component.parameters()).values());
    } catch (RuntimeException e) {
      throw component.refuse(field + ": " + e.getMessage());
    }
  }

  /** The typed value of a template string outside a component field (a mapping's key, a filter). */
  public Object evaluate(Component component, String where, String template, EvalContext context) {
    try {
      return interpolation.evaluate(template, context.withParameters(component.parameters()).values());
    } catch (RuntimeException e) {
      throw component.refuse(where + ": " + e.getMessage());
    }
  }

  private Object nested(JsonNode raw, Component component, String where, EvalContext context) {
    if (raw.isTextual()) {
      try {
        return interpolation.evaluate(raw.textValue(), context.values());
      } catch (RuntimeException e) {
        throw component.refuse(where + ": " + e.getMessage());
      }
    }
    if (raw.isObject()) {
      Map<String, Object> out = new LinkedHashMap<>();
      raw.fields().forEachRemaining(e -> {
        Object key = e.getKey().contains("{{") ? evaluateKey(e.getKey(), component, where, context) : e.getKey();
        out.put(asText(key), nested(e.getValue(), component, where + "." + e.getKey(), context));
      });
      return out;
    }
    if (raw.isArray()) {
      List<Object> out = new ArrayList<>();
      for (int i = 0; i < raw.size(); i++) {
        out.add(nested(raw.get(i), component, where + "[" + i + "]", context));
      }
      return out;
    }
    return EvalContext.plain(raw);
  }

  private Object evaluateKey(String key, Component component, String where, EvalContext context) {
    try {
      return interpolation.evaluate(key, context.values());
    } catch (RuntimeException e) {
      throw component.refuse(where + " (key " + key + "): " + e.getMessage());
    }
  }

  /**
   * A typed value as request text, as Python's {@code str} prints it: booleans {@code True}/{@code False}, maps and
   * lists as JSON.
   */
  public static String asText(Object value) {
    if (value == null) {
      return "";
    }
    if (value instanceof Boolean b) {
      return b ? "True" : "False";
    }
    if (value instanceof Map || value instanceof List) {
      return Json.node(value).toString();
    }
    return value.toString();
  }
}
