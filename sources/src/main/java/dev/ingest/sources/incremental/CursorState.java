package dev.ingest.sources.incremental;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.ingest.sources.records.JsonBodies;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * An endpoint's incremental mark: either one cursor value ({@code 2024-01-02T03:04:05Z}, what every native endpoint
 * and an unpartitioned manifest stream keeps) or a structured state in the shape of Airbyte's per-partition state,
 * kept as JSON text in the same places (split state, enumerator state, {@code _ingest_runs.cursor_end}):
 *
 * <pre>
 *   {"states": [{"partition": {"id": "7", "parent_slice": {}}, "cursor": {"updated_at": "2024-01-02T03:04:05Z"}}],
 *    "state": {"updated_at": "2024-01-02T03:04:05Z"},              the global cursor: the max over all partitions
 *    "parent_state": {"events": {"start_time": "…"}},              incremental_dependency: the parent's cursor
 *    "use_global_cursor": false}
 * </pre>
 *
 * <p>{@link #merge} is how marks combine wherever the runtime combined single values with {@link CursorValues#max}
 * (pages into a split, parts into a fan-out, a run's end from its start): for two single values it is that max; two
 * states merge partition by partition (the higher value per cursor field), their global and parent cursors alike;
 * a single value merged with a state is the single mark an older run kept, so it joins the state's
 * {@code parent_state} when it has one (a stream under {@code incremental_dependency} kept the parent's cursor) and
 * its global {@code state} otherwise. Partitions not read in a run keep their cursor, as the run's end merges its
 * start. More than {@value #MAX_PARTITIONS} partitions switch the state to its global cursor for good
 * ({@code use_global_cursor: true}, no {@code states}), as Airbyte's per-partition cursor does, so a mark stays
 * bounded. Output is deterministic: partitions ordered by their canonical JSON (keys sorted).
 */
public final class CursorState {
  /** Partitions kept before a state falls back to its global cursor (Airbyte's {@code SWITCH_TO_GLOBAL_LIMIT}). */
  public static final int MAX_PARTITIONS = 10_000;
  public static final String STATES = "states";
  public static final String PARTITION = "partition";
  public static final String CURSOR = "cursor";
  public static final String GLOBAL = "state";
  public static final String PARENT_STATE = "parent_state";
  public static final String USE_GLOBAL_CURSOR = "use_global_cursor";

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private CursorState() {}

  /** True when {@code mark} is a structured state (JSON object text) rather than one cursor value. */
  public static boolean isStructured(String mark) {
    return mark != null && mark.startsWith("{");
  }

  /** {@code mark} as a state, or empty when it is a single value (or null, or not a JSON object). */
  public static Optional<ObjectNode> parse(String mark) {
    if (!isStructured(mark)) {
      return Optional.empty();
    }
    try {
      JsonNode node = JsonBodies.parse(mark.getBytes(StandardCharsets.UTF_8));
      return node instanceof ObjectNode object ? Optional.of(object) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** The two marks combined (either may be null); see the class comment. */
  public static String merge(String a, String b) {
    if (a == null) {
      return b;
    }
    if (b == null) {
      return a;
    }
    if (!isStructured(a) && !isStructured(b)) {
      return CursorValues.max(a, b);
    }
    Map<String, Accumulated> cache = RECENT.get();
    Accumulated acc = cache.remove(a);
    String other = b;
    if (acc == null) {
      acc = cache.remove(b);
      other = a;
    }
    if (acc == null) {
      Optional<ObjectNode> sa = parse(a);
      if (sa.isEmpty()) {
        Optional<ObjectNode> sb = parse(b);
        if (sb.isEmpty()) {
          return CursorValues.max(a, b);
        }
        acc = new Accumulated(sb.get());
        other = a;
      } else {
        acc = new Accumulated(sa.get());
        other = b;
      }
    }
    Optional<ObjectNode> parsedOther = parse(other);
    acc.add(parsedOther.isPresent() ? parsedOther.get() : acc.single(other));
    String text = acc.text();
    cache.put(text, acc);
    return text;
  }

  /**
   * The last states this thread merged into, by their text: merging into one of them again (a split's pages, a
   * fan-out's parts) adds the small side to it instead of parsing and writing the whole state anew, so a run over
   * n partitions costs O(n) entry copies per merge rather than a parse of every partition.
   */
  private static final ThreadLocal<Map<String, Accumulated>> RECENT = ThreadLocal.withInitial(
      () -> new LinkedHashMap<>(8, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Accumulated> eldest) {
          return size() > 4;
        }
      });

  /** A state being merged into: its partitions (each also kept as text) and its other keys. */
  private static final class Accumulated {
    private final TreeMap<String, JsonNode[]> partitions = new TreeMap<>();
    private final TreeMap<String, String> texts = new TreeMap<>();
    private final ObjectNode rest = NODES.objectNode();
    private boolean partitioned;
    private boolean global;
    private boolean flagged;

    Accumulated(ObjectNode state) {
      add(state);
    }

    void add(ObjectNode state) {
      partitioned |= state.has(STATES);
      global |= state.path(USE_GLOBAL_CURSOR).asBoolean(false);
      flagged |= state.has(USE_GLOBAL_CURSOR);
      if (!global) {
        for (JsonNode entry : state.path(STATES)) {
          JsonNode partition = entry.path(PARTITION);
          String key = partitionKey(partition);
          JsonNode[] kept = partitions.get(key);
          JsonNode cursor = kept == null ? entry.path(CURSOR) : value(kept[1], entry.path(CURSOR));
          if (kept == null || !cursor.equals(kept[1])) {
            JsonNode canonical = kept == null ? canonical(partition) : kept[0];
            partitions.put(key, new JsonNode[] {canonical, cursor});
            ObjectNode out = NODES.objectNode();
            out.set(PARTITION, canonical);
            out.set(CURSOR, cursor);
            texts.put(key, out.toString());
          }
        }
      }
      if (partitions.size() > MAX_PARTITIONS) {
        global = true;
      }
      if (global) {
        partitions.clear();
        texts.clear();
      }
      for (Iterator<Map.Entry<String, JsonNode>> fields = state.fields(); fields.hasNext(); ) {
        Map.Entry<String, JsonNode> field = fields.next();
        if (!field.getKey().equals(STATES) && !field.getKey().equals(USE_GLOBAL_CURSOR)) {
          JsonNode merged = value(rest.get(field.getKey()), field.getValue());
          if (merged != null) {
            rest.set(field.getKey(), merged);
          }
        }
      }
    }

    /** A single value as a state: where this state keeps its one mark (parent cursor or global cursor). */
    ObjectNode single(String value) {
      ObjectNode state = NODES.objectNode();
      String target = rest.has(PARENT_STATE) ? PARENT_STATE : GLOBAL;
      JsonNode shape = rest.get(target);
      if (shape != null) {
        state.set(target, replaceLeaves(shape, value));
      }
      return state;
    }

    String text() {
      StringBuilder out = new StringBuilder("{");
      if (partitioned && !global) {
        out.append('"').append(STATES).append("\":[");
        String sep = "";
        for (String entry : texts.values()) {
          out.append(sep).append(entry);
          sep = ",";
        }
        out.append(']');
      }
      for (String key : ordered()) {
        out.append(out.length() > 1 ? "," : "").append(NODES.textNode(key)).append(':').append(rest.get(key));
      }
      if (partitioned || global || flagged) {
        out.append(out.length() > 1 ? "," : "").append('"').append(USE_GLOBAL_CURSOR).append("\":").append(global);
      }
      return out.append('}').toString();
    }

    /** The other keys: the global cursor, the parent's, then any other in the order first seen. */
    private List<String> ordered() {
      List<String> keys = new ArrayList<>();
      for (String known : List.of(GLOBAL, PARENT_STATE)) {
        if (rest.has(known)) {
          keys.add(known);
        }
      }
      rest.fieldNames().forEachRemaining(k -> {
        if (!keys.contains(k)) {
          keys.add(k);
        }
      });
      return keys;
    }
  }

  /** The state of one partition's cursor ({@code field = value}), its value also the global cursor. */
  public static String ofPartition(JsonNode partition, String field, String value) {
    ObjectNode state = NODES.objectNode();
    ObjectNode entry = state.putArray(STATES).addObject();
    entry.set(PARTITION, partition);
    entry.putObject(CURSOR).put(field, value);
    state.putObject(GLOBAL).put(field, value);
    state.put(USE_GLOBAL_CURSOR, false);
    return text(state);
  }

  /** The state of a global cursor only ({@code use_global_cursor: true}). */
  public static String ofGlobal(String field, String value) {
    ObjectNode state = NODES.objectNode();
    state.putObject(GLOBAL).put(field, value);
    state.put(USE_GLOBAL_CURSOR, true);
    return text(state);
  }

  /** The state carrying only a parent stream's cursor ({@code parent_state.<stream>.<field> = value}). */
  public static String ofParent(String stream, String field, String value) {
    ObjectNode state = NODES.objectNode();
    state.putObject(PARENT_STATE).putObject(stream).put(field, value);
    return text(state);
  }

  /** The canonical text of a partition (object keys sorted), the key partitions merge on. */
  public static String partitionKey(JsonNode partition) {
    return canonical(partition).toString();
  }

  private static JsonNode replaceLeaves(JsonNode shape, String value) {
    if (!shape.isObject()) {
      return TextNode.valueOf(value);
    }
    ObjectNode copy = NODES.objectNode();
    shape.fields().forEachRemaining(f -> copy.set(f.getKey(), replaceLeaves(f.getValue(), value)));
    return copy;
  }

  /** Two cursor values or objects of them combined: objects field by field, values by {@link CursorValues}. */
  private static JsonNode value(JsonNode a, JsonNode b) {
    if (a == null || a.isMissingNode() || a.isNull()) {
      return b == null || b.isMissingNode() ? null : b;
    }
    if (b == null || b.isMissingNode() || b.isNull()) {
      return a;
    }
    if (a.isObject() && b.isObject()) {
      ObjectNode out = NODES.objectNode();
      a.fields().forEachRemaining(f -> out.set(f.getKey(), f.getValue()));
      b.fields().forEachRemaining(f -> out.set(f.getKey(), value(out.get(f.getKey()), f.getValue())));
      return out;
    }
    if (a.isValueNode() && b.isValueNode()) {
      return CursorValues.compare(a.asText(), b.asText()) >= 0 ? a : b;
    }
    return b;
  }

  private static JsonNode canonical(JsonNode node) {
    if (node.isObject()) {
      Map<String, JsonNode> sorted = new TreeMap<>();
      node.fields().forEachRemaining(f -> sorted.put(f.getKey(), canonical(f.getValue())));
      ObjectNode out = NODES.objectNode();
      sorted.forEach(out::set);
      return out;
    }
    if (node.isArray()) {
      List<JsonNode> items = new ArrayList<>();
      node.forEach(item -> items.add(canonical(item)));
      return NODES.arrayNode().addAll(items);
    }
    return node;
  }

  private static String text(ObjectNode state) {
    return new Accumulated(state).text();
  }
}
