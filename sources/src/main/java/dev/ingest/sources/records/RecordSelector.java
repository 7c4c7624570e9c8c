package dev.ingest.sources.records;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Picks the records out of a parsed response body by the endpoint's {@code records} path and returns each as
 * compact JSON text (each selected node serialized once).
 *
 * <ul>
 *   <li>an array at the path: one record per element;
 *   <li>an object at the path: one record (single-object endpoints);
 *   <li>JSON {@code null} at the path: no records;
 *   <li>the path missing, or a scalar there: {@link Optional#empty()}, which the runtime reports as a malformed
 *       response.
 * </ul>
 */
public final class RecordSelector implements Serializable {
  private static final long serialVersionUID = 1L;

  private final JsonPath path;

  private RecordSelector(JsonPath path) {
    this.path = path;
  }

  /** A selector for {@code path} ({@code $}, {@code data.items}, {@code $.results}). */
  public static RecordSelector of(String path) {
    return new RecordSelector(JsonPath.parse(path));
  }

  /** The records path. */
  public JsonPath path() {
    return path;
  }

  /** The records of {@code body}, or empty when the body does not have records at the path. */
  public Optional<List<String>> select(JsonNode body) {
    return selectNodes(body).map(nodes -> {
      List<String> records = new ArrayList<>(nodes.size());
      for (JsonNode node : nodes) {
        records.add(JsonBodies.write(node));
      }
      return records;
    });
  }

  /** The record nodes of {@code body} (not copies), or empty when the body does not have records at the path. */
  public Optional<List<JsonNode>> selectNodes(JsonNode body) {
    Optional<JsonNode> found = path.find(body);
    if (found.isEmpty()) {
      return Optional.empty();
    }
    JsonNode node = found.get();
    if (node.isNull()) {
      return Optional.of(List.of());
    }
    if (node.isObject()) {
      return Optional.of(List.of(node));
    }
    if (!node.isArray()) {
      return Optional.empty();
    }
    List<JsonNode> records = new ArrayList<>(node.size());
    node.forEach(records::add);
    return Optional.of(records);
  }

  @Override
  public String toString() {
    return "RecordSelector{" + path + "}";
  }
}
