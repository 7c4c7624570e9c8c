package dev.ingest.sources.records;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Picks the record nodes out of a parsed response body by the endpoint's {@code records} path:
 *
 * <ul>
 *   <li>an array at the path: one record per element;
 *   <li>JSON {@code null} at the path: no records;
 *   <li>an object at the path: one record, but only when the endpoint declares its response is a single record
 *       ({@code records: {path: ..., single: true}}); otherwise a problem, since an object where a list of records
 *       belongs is most often a wrong path (an envelope, an error object) and would land as one bogus row;
 *   <li>the path missing, a scalar there, or an array where a single record was declared: a problem naming the
 *       path and the JSON type found, which the runtime reports as a malformed response.
 * </ul>
 */
public final class RecordSelector implements Serializable {
  private static final long serialVersionUID = 2L;

  private final JsonPath path;
  private final boolean single;

  private RecordSelector(JsonPath path, boolean single) {
    this.path = path;
    this.single = single;
  }

  /** A selector for an array of records at {@code path} ({@code $}, {@code data.items}, {@code $.results}). */
  public static RecordSelector of(String path) {
    return of(path, false);
  }

  /** A selector for {@code path}; {@code single}: the path holds one record (an object), not an array. */
  public static RecordSelector of(String path, boolean single) {
    return new RecordSelector(JsonPath.parse(path), single);
  }

  /** The records path. */
  public JsonPath path() {
    return path;
  }

  /**
   * What was found at the path: the record nodes (not copies), or why the body holds no records there.
   *
   * @param nodes the records, empty when {@code problem} is set
   * @param problem null when the records were found, else e.g. "records path 'data' holds an object, ..."
   */
  public record Selection(List<JsonNode> nodes, String problem) {
    public Selection {
      nodes = List.copyOf(Objects.requireNonNull(nodes, "nodes"));
    }

    public boolean found() {
      return problem == null;
    }
  }

  /** The record nodes of {@code body}, or the problem with what is at the path. */
  public Selection selectNodes(JsonNode body) {
    JsonNode node = path.find(body).orElse(null);
    String at = "records path '" + path + "'";
    if (node == null || node.isMissingNode()) {
      return new Selection(List.of(), at + " not found");
    }
    if (node.isNull()) {
      return new Selection(List.of(), null);
    }
    if (single) {
      return node.isObject() ? new Selection(List.of(node), null)
          : new Selection(List.of(), at + " holds " + type(node) + ", but the endpoint declares a single record "
              + "(records.single: true), which must be an object");
    }
    if (node.isObject()) {
      return new Selection(List.of(), at + " holds an object, not an array of records (if the response is one "
          + "record, declare records: {path: " + path + ", single: true})");
    }
    if (!node.isArray()) {
      return new Selection(List.of(), at + " holds " + type(node) + ", not an array of records");
    }
    List<JsonNode> records = new ArrayList<>(node.size());
    node.forEach(records::add);
    return new Selection(records, null);
  }

  /** The JSON type of {@code node} with its article: "an array", "a string", "a number", "a boolean". */
  private static String type(JsonNode node) {
    String type = node.getNodeType().name().toLowerCase(Locale.ROOT);
    return switch (type) {
      case "array", "object" -> "an " + type;
      default -> "a " + type;
    };
  }

  @Override
  public String toString() {
    return "RecordSelector{" + path + (single ? ", single" : "") + "}";
  }
}
