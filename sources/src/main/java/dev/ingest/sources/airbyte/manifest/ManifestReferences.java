package dev.ingest.sources.airbyte.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * Resolves the references of a manifest as Airbyte's {@code ManifestReferenceResolver} does: a mapping with a
 * {@code $ref} key becomes the referenced mapping shallow-merged with its sibling keys (siblings win); any string
 * value starting with {@code #/} is replaced by the value it points at. A path segment is first tried whole
 * ({@code #/a/b} looks for key {@code a/b}), then split at the first {@code /}; numeric segments index lists.
 * {@code config_overrides} values are kept as they are. Circular references are refused.
 */
public final class ManifestReferences {
  private static final String REF = "$ref";
  private static final int MAX_DEPTH = 200;

  private final JsonNode manifest;

  private ManifestReferences(JsonNode manifest) {
    this.manifest = manifest;
  }

  /**
   * A copy of {@code manifest} with every reference replaced by its value.
   *
   * @throws ManifestException naming the referencing path when a reference is malformed, undefined or circular
   */
  public static JsonNode resolve(JsonNode manifest) throws ManifestException {
    return new ManifestReferences(manifest).evaluate(manifest, "", new HashSet<>(), 0);
  }

  private JsonNode evaluate(JsonNode node, String path, Set<String> visiting, int depth) throws ManifestException {
    if (depth > MAX_DEPTH) {
      throw new ManifestException(path, "references nest deeper than " + MAX_DEPTH + " levels");
    }
    if (node.isObject()) {
      ObjectNode evaluated = JsonNodeFactory.instance.objectNode();
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        if (field.getKey().equals(REF)) {
          continue;
        }
        evaluated.set(field.getKey(), field.getKey().equals("config_overrides") ? field.getValue().deepCopy()
            : evaluate(field.getValue(), ManifestPaths.child(path, field.getKey()), visiting, depth + 1));
      }
      if (!node.has(REF)) {
        return evaluated;
      }
      JsonNode referenced = evaluate(node.get(REF), ManifestPaths.child(path, REF), visiting, depth + 1);
      if (!referenced.isObject()) {
        return referenced;
      }
      ObjectNode merged = ((ObjectNode) referenced).deepCopy();
      merged.setAll(evaluated);
      return merged;
    }
    if (node.isArray()) {
      ArrayNode evaluated = JsonNodeFactory.instance.arrayNode();
      for (int i = 0; i < node.size(); i++) {
        evaluated.add(evaluate(node.get(i), path + "[" + i + "]", visiting, depth + 1));
      }
      return evaluated;
    }
    if (node.isTextual() && node.textValue().startsWith("#/")) {
      String ref = node.textValue();
      if (!visiting.add(ref)) {
        throw new ManifestException(path, "circular reference " + ref);
      }
      JsonNode value = evaluate(lookup(ref, path), path, visiting, depth + 1);
      visiting.remove(ref);
      return value;
    }
    return node.deepCopy();
  }

  private JsonNode lookup(String ref, String path) throws ManifestException {
    String rest = ref.substring(2);
    JsonNode current = manifest;
    while (!rest.isEmpty()) {
      JsonNode whole = child(current, rest);
      if (whole != null) {
        return whole;
      }
      int slash = rest.indexOf('/');
      String head = slash < 0 ? rest : rest.substring(0, slash);
      rest = slash < 0 ? "" : rest.substring(slash + 1);
      current = child(current, head);
      if (current == null) {
        throw new ManifestException(path, "undefined reference " + ref + " (no '" + head + "')");
      }
    }
    return current;
  }

  private static JsonNode child(JsonNode node, String key) {
    if (node.isObject()) {
      return node.get(key);
    }
    if (node.isArray() && key.matches("\\d{1,9}")) {
      int index = Integer.parseInt(key);
      return index < node.size() ? node.get(index) : null;
    }
    return null;
  }
}
