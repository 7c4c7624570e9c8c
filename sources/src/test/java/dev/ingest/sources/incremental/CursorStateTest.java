package dev.ingest.sources.incremental;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/** How marks combine: single values by max, states partition by partition, a single value into a state. */
class CursorStateTest {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private static String partition(String id, String value) {
    return CursorState.ofPartition(NODES.objectNode().put("id", id), "updated_at", value);
  }

  @Test
  void singleValuesMergeByTheirMax() {
    assertThat(CursorState.merge("2024-01-02T00:00:00Z", "2024-01-01T00:00:00Z")).isEqualTo("2024-01-02T00:00:00Z");
    assertThat(CursorState.merge(null, "5")).isEqualTo("5");
    assertThat(CursorState.merge("12", null)).isEqualTo("12");
    assertThat(CursorState.merge(null, null)).isNull();
  }

  @Test
  void statesMergePartitionByPartitionAndTheGlobalCursorIsTheMax() {
    String a = CursorState.merge(partition("2", "2024-01-05T00:00:00Z"), partition("1", "2024-01-03T00:00:00Z"));
    String b = CursorState.merge(a, partition("2", "2024-01-04T00:00:00Z"));

    assertThat(b).isEqualTo("{\"states\":["
        + "{\"partition\":{\"id\":\"1\"},\"cursor\":{\"updated_at\":\"2024-01-03T00:00:00Z\"}},"
        + "{\"partition\":{\"id\":\"2\"},\"cursor\":{\"updated_at\":\"2024-01-05T00:00:00Z\"}}],"
        + "\"state\":{\"updated_at\":\"2024-01-05T00:00:00Z\"},\"use_global_cursor\":false}");
  }

  @Test
  void partitionsMatchWhateverTheirKeyOrder() {
    String one = CursorState.ofPartition(NODES.objectNode().put("x", "1").put("y", "2"), "c", "10");
    String other = CursorState.ofPartition(NODES.objectNode().put("y", "2").put("x", "1"), "c", "20");

    assertThat(CursorState.merge(one, other)).isEqualTo("{\"states\":["
        + "{\"partition\":{\"x\":\"1\",\"y\":\"2\"},\"cursor\":{\"c\":\"20\"}}],"
        + "\"state\":{\"c\":\"20\"},\"use_global_cursor\":false}");
  }

  @Test
  void aSingleValueJoinsTheGlobalCursorOrTheParentCursor() {
    assertThat(CursorState.merge("2024-01-09T00:00:00Z", partition("1", "2024-01-03T00:00:00Z"))).isEqualTo(
        "{\"states\":[{\"partition\":{\"id\":\"1\"},\"cursor\":{\"updated_at\":\"2024-01-03T00:00:00Z\"}}],"
            + "\"state\":{\"updated_at\":\"2024-01-09T00:00:00Z\"},\"use_global_cursor\":false}");
    String parent = CursorState.ofParent("events", "start_time", "2024-01-02T00:00:00Z");
    assertThat(CursorState.merge(parent, "2024-01-07T00:00:00Z"))
        .isEqualTo("{\"parent_state\":{\"events\":{\"start_time\":\"2024-01-07T00:00:00Z\"}}}");
    assertThat(CursorState.merge(parent, "2024-01-01T00:00:00Z")).isEqualTo(parent);
  }

  @Test
  void moreThanTheLimitOfPartitionsFallsBackToTheGlobalCursorForGood() {
    ObjectNode full = NODES.objectNode();
    ArrayNode states = full.putArray("states");
    for (int i = 0; i < CursorState.MAX_PARTITIONS - 1; i++) {
      ObjectNode entry = states.addObject();
      entry.putObject("partition").put("id", Integer.toString(i));
      entry.putObject("cursor").put("updated_at", "2024-01-01T00:00:00Z");
    }
    full.putObject("state").put("updated_at", "2024-01-01T00:00:00Z");
    String state = CursorState.merge(full.toString(), partition("last", "2024-01-01T00:00:00Z"));
    assertThat(CursorState.parse(state).orElseThrow().path("states").size()).isEqualTo(CursorState.MAX_PARTITIONS);

    String over = CursorState.merge(state, partition("new", "2024-01-02T00:00:00Z"));
    assertThat(over).isEqualTo("{\"state\":{\"updated_at\":\"2024-01-02T00:00:00Z\"},\"use_global_cursor\":true}");
    assertThat(CursorState.merge(over, partition("1", "2024-01-03T00:00:00Z")))
        .isEqualTo("{\"state\":{\"updated_at\":\"2024-01-03T00:00:00Z\"},\"use_global_cursor\":true}");
  }

  @Test
  void otherKeysOfAnAirbyteStateAreKept() {
    String airbyte = "{\"state\":{\"updated_at\":\"2024-01-01T00:00:00Z\"},\"lookback_window\":60,"
        + "\"use_global_cursor\":false}";
    assertThat(CursorState.merge(airbyte, partition("1", "2024-01-03T00:00:00Z"))).isEqualTo(
        "{\"states\":[{\"partition\":{\"id\":\"1\"},\"cursor\":{\"updated_at\":\"2024-01-03T00:00:00Z\"}}],"
            + "\"state\":{\"updated_at\":\"2024-01-03T00:00:00Z\"},\"lookback_window\":60,"
            + "\"use_global_cursor\":false}");
  }
}
