package dev.ingest.sources.airbyte.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One resolved manifest component (a mapping with {@code type}) and its path in the manifest, with what every
 * strategy needs: its fields, its children and the {@code $parameters} in effect on it. Serializable: the node
 * travels as JSON text.
 */
public final class Component implements Serializable {
  private static final long serialVersionUID = 1L;

  private final String path;
  private transient JsonNode node;
  /** The node as JSON text, written only when the component is serialized. */
  private String json;
  private transient Map<String, Object> parameters;

  public Component(JsonNode node, String path) {
    this.node = node == null ? MissingNode.getInstance() : node;
    this.path = path;
  }

  private void writeObject(ObjectOutputStream out) throws IOException {
    json = node().toString();
    out.defaultWriteObject();
  }

  /** The component's JSON. */
  public JsonNode node() {
    if (node == null) {
      node = Json.parse(json);
    }
    return node;
  }

  /** Where the component sits: {@code streams[2].retriever.paginator}. */
  public String path() {
    return path;
  }

  /** The component's {@code type}, or empty. */
  public String type() {
    return node().path("type").asText("");
  }

  /** True when the component has a non-null {@code field}. */
  public boolean has(String field) {
    return node().hasNonNull(field);
  }

  /** The child component in {@code field}, or null. */
  public Component child(String field) {
    JsonNode child = node().get(field);
    return child == null || child.isNull() ? null : new Component(child, path + "." + field);
  }

  /** The element {@code index} of the list in {@code field} as a component. */
  public Component element(String field, int index) {
    return new Component(node().path(field).get(index), path + "." + field + "[" + index + "]");
  }

  /** The raw field value (missing node when absent). */
  public JsonNode field(String field) {
    return node().path(field);
  }

  /** The text of {@code field}, or {@code fallback} when absent or null. */
  public String text(String field, String fallback) {
    JsonNode value = node().get(field);
    return value == null || value.isNull() ? fallback : value.asText();
  }

  /** The {@code $parameters} in effect on this component, as plain values. */
  @SuppressWarnings("unchecked")
  public Map<String, Object> parameters() {
    if (parameters == null) {
      JsonNode node = node().get("$parameters");
      parameters = node == null || !node.isObject() ? Map.of()
          : Collections.unmodifiableMap(new LinkedHashMap<>((Map<String, Object>) EvalContext.plain(node)));
    }
    return parameters;
  }

  /** A refusal of this component: {@code path: reason}. */
  public IllegalArgumentException refuse(String reason) {
    return new IllegalArgumentException(path + ": " + reason);
  }

  @Override
  public String toString() {
    return path + " (" + type() + ")";
  }
}
