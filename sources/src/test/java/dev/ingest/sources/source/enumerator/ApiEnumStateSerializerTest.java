package dev.ingest.sources.source.enumerator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ingest.sources.fetch.PageCursor;
import dev.ingest.sources.source.request.RunRequestMark;
import dev.ingest.sources.source.split.ApiSplit;
import dev.ingest.sources.source.split.SplitProgress;
import dev.ingest.sources.source.split.SplitStatus;
import java.io.IOException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ApiEnumStateSerializerTest {
  private final ApiEnumStateSerializer serializer = new ApiEnumStateSerializer();

  @Test
  void roundTripsAllFields() throws IOException {
    List<ApiSplit> pending = List.of(
        ApiSplit.start("p", "tasks", "20261124T173000Z-000004", 10, Map.of()),
        new ApiSplit("p", "users", "20261124T173000Z-000004", 10, PageCursor.token("abc"), 3,
            new SplitProgress(11, 1, 1, 3, 90, 0, 0, 0), SplitStatus.ACTIVE, Map.of("parent.id", "7")),
        new ApiSplit("p", "teams", "20261124T173000Z-000004", 10, PageCursor.url("https://x.test/t?p=2"), 0,
            SplitProgress.NONE, SplitStatus.ACTIVE, Map.of()),
        new ApiSplit("p", "tags", "20261124T173000Z-000004", 10, PageCursor.offset(200), 0,
            SplitProgress.NONE, SplitStatus.ACTIVE, Map.of()),
        new ApiSplit("p", "goals", "20261124T173000Z-000004", 10, PageCursor.page(3), 0,
            SplitProgress.NONE, SplitStatus.ACTIVE, Map.of()));
    Set<String> inFlight = new LinkedHashSet<>(List.of("20261124T173000Z-000004/tasks",
        "20261124T173000Z-000004/users", "20261124T173000Z-000004/projects"));
    ApiEnumState state = new ApiEnumState(5, Optional.of(Instant.parse("2026-11-24T17:30:00.123456789Z")), pending,
        Optional.of("20261124T173000Z-000004"), inFlight, Map.of("tasks", "2026-11-24T17:00:00Z"));

    ApiEnumState copy = serializer.deserialize(serializer.getVersion(), serializer.serialize(state));

    assertThat(copy).isEqualTo(state);
    assertThat(copy.lastFireTime()).contains(Instant.parse("2026-11-24T17:30:00.123456789Z"));
    assertThat(copy.pendingSplits()).containsExactlyElementsOf(pending);
    assertThat(copy.inFlightSplitIds()).containsExactlyElementsOf(inFlight);
    assertThat(copy.incrementalCursors()).containsEntry("tasks", "2026-11-24T17:00:00Z");
  }

  @Test
  void roundTripsTheInitialState() throws IOException {
    ApiEnumState initial = ApiEnumState.initial();

    assertThat(serializer.deserialize(1, serializer.serialize(initial))).isEqualTo(initial);
  }

  @Test
  void rejectsUnknownVersionsWithAClearMessage() throws IOException {
    byte[] bytes = serializer.serialize(ApiEnumState.initial());

    assertThat(serializer.getVersion()).isEqualTo(4);
    assertThatThrownBy(() -> serializer.deserialize(7, bytes))
        .isInstanceOf(IOException.class)
        .hasMessage("cannot read ApiSource enumerator state serialized with version 7: this build reads "
            + "versions [1, 2, 3, 4] (written by a newer Ingest?)");
  }

  @Test
  void roundTripsTheFanOutsOfTheActiveRun() throws IOException {
    Map<String, FanOutProgress> fanOuts = Map.of(
        "tasks", new FanOutProgress(Map.of("incremental.cursor", "2026-01-01"),
            new SplitProgress(11, 2, 3, 40, 900, 1, 1, 25), "2026-02-01", null, null, 3),
        "comments", new FanOutProgress(Map.of(), SplitProgress.NONE, null, "NOT_FOUND", "HTTP 404", 1));
    ApiEnumState state = new ApiEnumState(2, Optional.empty(), List.of(), Optional.of("20261124T173000Z-000001"),
        Set.of("20261124T173000Z-000001/tasks@0.1"), Map.of(), fanOuts);

    ApiEnumState copy = serializer.deserialize(3, serializer.serialize(state));

    assertThat(copy).isEqualTo(state);
    assertThat(copy.fanOuts()).isEqualTo(fanOuts);
    assertThat(serializer.deserialize(1, serializer.serialize(ApiEnumState.initial())).fanOuts()).isEmpty();
  }

  @Test
  void roundTripsTheWalkOverTheParentPages() throws IOException {
    ParentWalk walk = ParentWalk.started().walked(PageCursor.token("abc"), false).walked(PageCursor.page(3), true);
    // wire bytes (gzip) and decoded bytes differ: both are kept
    SplitProgress total = new SplitProgress(1_000, 4, 5, 40, 1_200, 1, 0, 0, 9_600);
    FanOutProgress tasks = new FanOutProgress(Map.of(), total, null, null, null, 2, walk);
    ApiEnumState state = new ApiEnumState(2, Optional.empty(), List.of(), Optional.of("20261124T173000Z-000001"),
        Set.of("20261124T173000Z-000001/tasks@p2"), Map.of(), Map.of("tasks", tasks));

    ApiEnumState copy = serializer.deserialize(3, serializer.serialize(state));

    assertThat(copy.fanOuts().get("tasks").total()).isEqualTo(total);
    assertThat(copy.fanOuts().get("tasks").walk()).isEqualTo(walk);
    assertThat(copy.fanOuts().get("tasks").walk().requested()).hasSize(3)
        .contains(ParentWalk.fingerprint(PageCursor.first()), ParentWalk.fingerprint(PageCursor.token("abc")));
  }

  /**
   * A version 2 state, as the build before the parent walk wrote it (bytes captured from that build's serializer):
   * one fan-out of tasks with 3 open parts. It still reads, with an empty walk.
   */
  @Test
  void readsAVersion2StateWrittenBeforeTheWalkWasKept() throws IOException {
    byte[] v2 = HexFormat.of().parseHex("0000000000000002000000000001000000173230323631313234543137333030305a2d3030"
        + "3030303100000001000000213230323631313234543137333030305a2d3030303030312f7461736b7340302e31000000000000000100"
        + "0000057461736b730000000100000012696e6372656d656e74616c2e637572736f720000000a323032362d30312d3031000000000000"
        + "000b0000000000000002000000000000000300000000000000280000000000000384000000000000000100000000000000010000000000"
        + "000019010000000a323032362d30322d303100000000000000000003");

    ApiEnumState state = serializer.deserialize(2, v2);

    assertThat(state.nextRunSequence()).isEqualTo(2);
    assertThat(state.inFlightSplitIds()).containsExactly("20261124T173000Z-000001/tasks@0.1");
    FanOutProgress tasks = state.fanOuts().get("tasks");
    assertThat(tasks).isEqualTo(new FanOutProgress(Map.of("incremental.cursor", "2026-01-01"),
        new SplitProgress(11, 2, 3, 40, 900, 1, 1, 25), "2026-02-01", null, null, 3));
    assertThat(tasks.walk()).isEqualTo(new ParentWalk(Set.of(), 0));
  }

  @Test
  void roundTripsTheRunRequestMark() throws IOException {
    ApiEnumState state = new ApiEnumState(3, Optional.empty(), List.of(), Optional.of("20261124T173000Z-000002"),
        Set.of("20261124T173000Z-000002/tasks"), Map.of(), Map.of(),
        new RunRequestMark(12, 9, Optional.of("20261124T173000Z-000002")));

    ApiEnumState copy = serializer.deserialize(4, serializer.serialize(state));

    assertThat(copy).isEqualTo(state);
    assertThat(copy.runRequests()).isEqualTo(new RunRequestMark(12, 9, Optional.of("20261124T173000Z-000002")));
    assertThat(serializer.deserialize(4, serializer.serialize(ApiEnumState.initial())).runRequests())
        .isEqualTo(RunRequestMark.NONE);
  }

  /**
   * A version 3 state, as the build before run requests wrote it (bytes captured from that build's serializer):
   * run 3 of items in progress with its one split pending. It restores with no request accepted.
   */
  @Test
  void readsAVersion3StateWrittenBeforeRunRequests() throws IOException {
    byte[] v3 = HexFormat.of().parseHex("000000000000000401000000006b05c998000000000000000100000004000000c70000000170000000056974656d73000000"
        + "173230323631313234543137333030305a2d303030303033000000000000000a000000056669727374000000000000000000"
        + "0000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
        + "00000000000000000000000000000000000100000012696e6372656d656e74616c2e637572736f7200000014323032362d31"
        + "312d32345431373a30303a30305a000000000000000000000000000000000000010000001732303236313132345431373330"
        + "30305a2d303030303033000000010000001d3230323631313234543137333030305a2d3030303030332f6974656d73000000"
        + "01000000056974656d7300000014323032362d31312d32345431373a30303a30305a00000000");

    ApiEnumState state = serializer.deserialize(3, v3);

    assertThat(state.nextRunSequence()).isEqualTo(4);
    assertThat(state.lastFireTime()).contains(Instant.parse("2026-11-24T17:30:00Z"));
    assertThat(state.pendingSplits()).extracting(ApiSplit::splitId).containsExactly("20261124T173000Z-000003/items");
    assertThat(state.activeRunId()).contains("20261124T173000Z-000003");
    assertThat(state.inFlightSplitIds()).containsExactly("20261124T173000Z-000003/items");
    assertThat(state.incrementalCursors()).isEqualTo(Map.of("items", "2026-11-24T17:00:00Z"));
    assertThat(state.runRequests()).isEqualTo(RunRequestMark.NONE);
    ApiEnumState rewritten = serializer.deserialize(4, serializer.serialize(state));
    assertThat(rewritten).isEqualTo(state);
  }
}
