package dev.ingest.sources.airbyte.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ingest.sources.incremental.CursorState;
import dev.ingest.sources.incremental.CursorValues;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * How a manifest stream's committed mark reads and how its pages report theirs (the {@link CursorState} forms):
 *
 * <ul>
 *   <li>{@link Shape#SINGLE}: a stream without a partition router, or one whose {@code DatetimeBasedCursor} sets
 *       {@code global_substream_cursor: true} (and no {@code incremental_dependency}): one cursor value, every
 *       partition read from it.
 *   <li>{@link Shape#PER_PARTITION}: a partitioned stream (Airbyte's default): each partition read from its own
 *       committed cursor, a partition never seen from the global cursor (the max over all partitions), pages
 *       reporting their partition's value. A state that fell back to its global cursor
 *       ({@code use_global_cursor: true}, over {@value CursorState#MAX_PARTITIONS} partitions) stays global.
 *   <li>{@link Shape#GLOBAL_STATE}: {@code global_substream_cursor: true} under {@code incremental_dependency}: the
 *       child's one cursor in {@code state}, beside the parent's in {@code parent_state}.
 * </ul>
 *
 * <p>A committed single value (written before partitions were kept) is the one mark the stream had: the global
 * cursor of a partitioned stream, the parent's cursor under {@code incremental_dependency} (the child then has
 * none yet and reads from {@code start_datetime}, as it did).
 */
final class StreamMark {
  enum Shape { SINGLE, PER_PARTITION, GLOBAL_STATE }

  /** The mark of a stream read as a parent to fan out over: none, its pages report none. */
  static final StreamMark NONE = new StreamMark(Shape.SINGLE, Committed.of(null), false);

  private final Shape shape;
  private final String committed;
  private final boolean dependency;
  private final Optional<ObjectNode> state;
  private final Committed parsed;

  private StreamMark(Shape shape, Committed committed, boolean dependency) {
    this.shape = shape;
    this.parsed = committed;
    this.committed = committed.text();
    this.dependency = dependency;
    this.state = committed.state();
  }

  /**
   * A committed mark read once: its state (when structured) and its partitions' cursors by partition key, so that
   * every partition of a run looks its cursor up without parsing the mark again.
   */
  record Committed(String text, Optional<ObjectNode> state, Map<String, JsonNode> cursors) {
    static Committed of(String text) {
      String mark = text == null || text.isEmpty() ? null : text;
      Optional<ObjectNode> state = CursorState.parse(mark);
      Map<String, JsonNode> cursors = new HashMap<>();
      state.ifPresent(s -> s.path(CursorState.STATES).forEach(entry -> cursors.put(
          CursorState.partitionKey(entry.path(CursorState.PARTITION)), entry.path(CursorState.CURSOR))));
      return new Committed(mark, state, Map.copyOf(cursors));
    }
  }

  /** The mark of an unpartitioned stream: the committed value as it is. */
  static StreamMark single(Committed committed) {
    return new StreamMark(Shape.SINGLE, committed, false);
  }

  /**
   * The mark of a partitioned stream.
   *
   * @param dependency whether the stream's parent sets {@code incremental_dependency} (with a parent cursor)
   */
  static StreamMark partitioned(Component stream, Committed committed, boolean dependency) {
    Component cursor = stream.child("incremental_sync");
    boolean global = cursor != null && cursor.field("global_substream_cursor").asBoolean(false);
    Shape shape = !global ? Shape.PER_PARTITION : dependency ? Shape.GLOBAL_STATE : Shape.SINGLE;
    return new StreamMark(shape, committed, dependency);
  }

  /** Where the partition's cursor {@code field} starts: its committed value, else the global one; null for none. */
  String committed(Map<String, Object> partition, String field) {
    if (committed == null) {
      return null;
    }
    if (state.isEmpty()) {
      return dependency ? null : committed; // a single value was the parent's cursor under the dependency
    }
    ObjectNode s = state.get();
    if (shape == Shape.PER_PARTITION && !usesGlobal()) {
      JsonNode own = parsed.cursors().get(CursorState.partitionKey(Json.node(partition)));
      JsonNode value = own == null ? null : own.path(field);
      if (value != null && value.isValueNode() && !value.isNull()) {
        return value.asText();
      }
    }
    JsonNode global = s.path(CursorState.GLOBAL).path(field);
    return global.isValueNode() ? global.asText() : null;
  }

  /** Where the parent stream starts under {@code incremental_dependency}: its committed cursor; null for none. */
  String parentCommitted() {
    if (committed == null) {
      return null;
    }
    if (state.isEmpty()) {
      return committed;
    }
    return highestLeaf(state.get().path(CursorState.PARENT_STATE));
  }

  /** The mark a page of {@code partition} reports for its highest cursor value {@code max} of {@code field}. */
  Optional<String> page(Map<String, Object> partition, String field, Optional<String> max) {
    if (max.isEmpty()) {
      return max;
    }
    return Optional.of(switch (shape) {
      case SINGLE -> max.get();
      case GLOBAL_STATE -> CursorState.ofGlobal(field, max.get());
      case PER_PARTITION -> usesGlobal() ? CursorState.ofGlobal(field, max.get())
          : CursorState.ofPartition(Json.node(partition), field, max.get());
    });
  }

  private boolean usesGlobal() {
    return state.map(s -> s.path(CursorState.USE_GLOBAL_CURSOR).asBoolean(false)).orElse(false);
  }

  private static String highestLeaf(JsonNode node) {
    if (node.isValueNode() && !node.isNull()) {
      return node.asText();
    }
    String max = null;
    for (JsonNode child : node) {
      max = CursorValues.max(max, highestLeaf(child));
    }
    return max;
  }

  @Override
  public String toString() {
    return "StreamMark{" + shape + (dependency ? ", incremental_dependency" : "") + "}";
  }
}
