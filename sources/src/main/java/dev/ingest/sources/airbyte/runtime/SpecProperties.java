package dev.ingest.sources.airbyte.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The fields of a {@code connection_specification} by config path: a top-level property ({@code start_date}) or a
 * property of an object property, in its {@code properties} or any of its {@code oneOf} variants
 * ({@code credentials.client_secret}). Dotted paths are how a pipeline's {@code config} and the secret's fields name
 * nested values.
 */
public final class SpecProperties {
  private SpecProperties() {}

  /** The property at {@code path} (one dot at most), or a missing node. */
  public static JsonNode property(JsonNode spec, String path) {
    JsonNode properties = spec.path("properties");
    int dot = path.indexOf('.');
    if (dot < 0 || properties.has(path)) {
      return properties.path(path);
    }
    JsonNode parent = properties.path(path.substring(0, dot));
    String child = path.substring(dot + 1);
    for (JsonNode variant : variants(parent)) {
      if (variant.path("properties").has(child)) {
        return variant.path("properties").get(child);
      }
    }
    return MissingNode.getInstance();
  }

  /** The object itself and its {@code oneOf} variants. */
  public static List<JsonNode> variants(JsonNode objectProperty) {
    List<JsonNode> out = new ArrayList<>();
    out.add(objectProperty);
    objectProperty.path("oneOf").forEach(out::add);
    return out;
  }

  /** Every {@code airbyte_secret: true} field, top-level ones by key, nested ones by {@code parent.child}. */
  public static List<String> secretPaths(JsonNode spec) {
    Set<String> out = new LinkedHashSet<>();
    spec.path("properties").fields().forEachRemaining(p -> {
      if (p.getValue().path("airbyte_secret").asBoolean(false)) {
        out.add(p.getKey());
      }
      if (p.getValue().isObject()) {
        for (JsonNode variant : variants(p.getValue())) {
          variant.path("properties").fields().forEachRemaining(c -> {
            if (c.getValue().path("airbyte_secret").asBoolean(false)) {
              out.add(p.getKey() + "." + c.getKey());
            }
          });
        }
      }
    });
    return List.copyOf(out);
  }
}
