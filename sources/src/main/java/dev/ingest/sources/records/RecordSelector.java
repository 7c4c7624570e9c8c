package dev.ingest.sources.records;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
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

  /**
   * The records of a page split straight from its body's bytes, and the body without them.
   *
   * @param envelope the body as a tree, but with the records array left empty (the single record of a
   *     {@code single: true} endpoint is kept): what paginators, stop rules and the body classifier read
   * @param records the records' JSON text as the API sent it; empty when {@code problem} is set
   * @param problem null when the records were found, else the same text {@link Selection#problem()} gives
   */
  public record Split(JsonNode envelope, RecordSlices records, String problem) {
    public Split {
      Objects.requireNonNull(envelope, "envelope");
      Objects.requireNonNull(records, "records");
    }

    public boolean found() {
      return problem == null;
    }
  }

  /** The record nodes of {@code body}, or the problem with what is at the path. */
  public Selection selectNodes(JsonNode body) {
    JsonNode node = path.find(body).orElse(null);
    String problem = problem(node == null ? Kind.MISSING : Kind.of(node));
    if (problem != null || node.isNull()) {
      return new Selection(List.of(), problem);
    }
    if (single) {
      return new Selection(List.of(node), null);
    }
    List<JsonNode> records = new ArrayList<>(node.size());
    node.forEach(records::add);
    return new Selection(records, null);
  }

  /**
   * The records of {@code body} (one whole JSON document) cut out of its bytes in one streaming pass, without a
   * tree of the records (docs/performance.md, "Parse once"); the same records, problems and failures as
   * {@link JsonBodies#parse} followed by {@link #selectNodes}.
   *
   * @throws IOException as {@link JsonBodies#parse}: empty body, not JSON, trailing content, duplicate keys
   */
  public Split split(byte[] body) throws IOException {
    return new RecordSplitter(this).split(body);
  }

  /** {@link #selectNodes} as a {@link Split}: for bodies that were parsed into a tree anyway. */
  public Split splitTree(JsonNode body) {
    Selection selection = selectNodes(body);
    return new Split(body, RecordSlices.of(selection.nodes()), selection.problem());
  }

  boolean single() {
    return single;
  }

  /** What can be found at the records path. */
  enum Kind {
    MISSING, NULL, OBJECT, ARRAY, STRING, NUMBER, BOOLEAN, OTHER;

    static Kind of(JsonNode node) {
      return switch (node.getNodeType()) {
        case MISSING -> MISSING;
        case NULL -> NULL;
        case OBJECT -> OBJECT;
        case ARRAY -> ARRAY;
        case STRING -> STRING;
        case NUMBER -> NUMBER;
        case BOOLEAN -> BOOLEAN;
        default -> OTHER;
      };
    }

    /** The type with its article: "an array", "a string", "a number", "a boolean". */
    String withArticle() {
      String type = name().toLowerCase(Locale.ROOT);
      return this == ARRAY || this == OBJECT || this == OTHER ? "an " + type : "a " + type;
    }
  }

  /** Why a value of {@code kind} at the path holds no records, or null when it holds records (or is null). */
  String problem(Kind kind) {
    String at = "records path '" + path + "'";
    return switch (kind) {
      case MISSING -> at + " not found";
      case NULL -> null;
      case OBJECT -> single ? null : at + " holds an object, not an array of records (if the response is one "
          + "record, declare records: {path: " + path + ", single: true})";
      case ARRAY -> single ? at + " holds an array, but the endpoint declares a single record "
          + "(records.single: true), which must be an object" : null;
      default -> single ? at + " holds " + kind.withArticle() + ", but the endpoint declares a single record "
          + "(records.single: true), which must be an object"
          : at + " holds " + kind.withArticle() + ", not an array of records";
    };
  }

  @Override
  public String toString() {
    return "RecordSelector{" + path + (single ? ", single" : "") + "}";
  }
}
