package dev.ingest.sources.source.split;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ingest.sources.fetch.PageCursor;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class ApiSplitSerializerTest {
  private final ApiSplitSerializer serializer = ApiSplitSerializer.INSTANCE;

  static Stream<PageCursor> cursors() {
    return Stream.of(
        PageCursor.first(),
        PageCursor.page(7),
        PageCursor.token("eyJvZmZzZXQiOjEwMH0=/ünïcødé"),
        PageCursor.url("https://app.asana.com/api/1.0/tasks?offset=abc&limit=100"),
        PageCursor.offset(1_200),
        PageCursor.token("x".repeat(70_000)));
  }

  static ApiSplit split(PageCursor cursor, SplitStatus status) {
    return new ApiSplit("asana-prod", "tasks", "20261124T173000Z-000001", 1_764_005_400_123L, cursor, 37,
        new SplitProgress(1_764_005_401_000L, 3, 5, 337, 123_456, 2, 1, 1_500), status,
        Map.of("incremental.since", "2026-11-23T00:00:00Z", "parent.id", "42"));
  }

  @ParameterizedTest
  @MethodSource("cursors")
  void roundTripsEveryCursorVariant(PageCursor cursor) throws IOException {
    ApiSplit split = split(cursor, SplitStatus.ACTIVE);

    ApiSplit copy = serializer.deserialize(serializer.getVersion(), serializer.serialize(split));

    assertThat(copy).isEqualTo(split);
    assertThat(copy.cursor()).isEqualTo(cursor);
  }

  @ParameterizedTest
  @EnumSource(SplitStatus.class)
  void roundTripsEveryStatusAndAllFields(SplitStatus status) throws IOException {
    ApiSplit split = split(PageCursor.page(4), status);

    ApiSplit copy = serializer.deserialize(1, serializer.serialize(split));

    assertThat(copy.pipeline()).isEqualTo("asana-prod");
    assertThat(copy.endpoint()).isEqualTo("tasks");
    assertThat(copy.runId()).isEqualTo("20261124T173000Z-000001");
    assertThat(copy.runStartedAt()).isEqualTo(1_764_005_400_123L);
    assertThat(copy.recordsToSkip()).isEqualTo(37);
    assertThat(copy.progress()).isEqualTo(split.progress());
    assertThat(copy.status()).isEqualTo(status);
    assertThat(copy.isCompleted()).isEqualTo(status != SplitStatus.ACTIVE);
    assertThat(copy.vars()).isEqualTo(split.vars());
    assertThat(copy.splitId()).isEqualTo("20261124T173000Z-000001/tasks");
  }

  @Test
  void roundTripsAFreshSplit() throws IOException {
    ApiSplit split = ApiSplit.start("p", "users", "20260101T000000Z-000009", 0, Map.of());

    assertThat(serializer.deserialize(1, serializer.serialize(split))).isEqualTo(split);
  }

  @Test
  void currentVersionIsFive() {
    assertThat(serializer.getVersion()).isEqualTo(5);
  }

  @Test
  void roundTripsTheStatedTotalAndReadsOlderVersionsAsNone() throws IOException {
    ApiSplit base = split(PageCursor.page(2), SplitStatus.ACTIVE);
    SplitProgress stated = new SplitProgress(1_000, 1, 1, 100, 2_000, 0, 0, 0, 8_000).withApiTotal(4_321);
    ApiSplit split = new ApiSplit(base.pipeline(), base.endpoint(), base.runId(), base.runStartedAt(), base.cursor(),
        base.recordsToSkip(), stated, base.status(), base.vars(), null, SplitRole.WHOLE);

    assertThat(serializer.deserialize(5, serializer.serialize(split)).progress()).isEqualTo(stated);
    assertThat(serializer.deserialize(4, serializer.serialize(split)).progress().apiTotal())
        .as("version 4 kept no total").isEqualTo(SplitProgress.NO_TOTAL);
  }

  @Test
  void roundTripsDecodedBytesApartFromWireBytesAndReadsOlderVersionsAsEqual() throws IOException {
    ApiSplit base = split(PageCursor.page(4), SplitStatus.ACTIVE);
    SplitProgress gzip = new SplitProgress(1_000, 3, 5, 337, 20_000, 2, 1, 1_500, 123_456);
    ApiSplit split = new ApiSplit(base.pipeline(), base.endpoint(), base.runId(), base.runStartedAt(), base.cursor(),
        base.recordsToSkip(), gzip, base.status(), base.vars(), null, SplitRole.WHOLE);

    assertThat(serializer.deserialize(4, serializer.serialize(split)).progress()).isEqualTo(gzip);
    assertThat(serializer.deserialize(3, serializer.serialize(split)).progress().decodedBytes())
        .as("version 3 has no decoded figure: the wire bytes stand in").isEqualTo(20_000);
  }

  @Test
  void roundTripsTheRoleOfAFannedOutPart() throws IOException {
    SplitRole role = SplitRole.of(SplitRole.Kind.PARENTS, "p4")
        .withParents(List.of(Map.of("parent.gid", "12", "parent.name", "Ops")), Optional.of(PageCursor.page(6)))
        .withError("NOT_FOUND", "HTTP 404");
    ApiSplit split = new ApiSplit("p", "tasks", "20261124T173000Z-000001", 5, PageCursor.page(5), 0,
        SplitProgress.NONE, SplitStatus.FAILED, Map.of(), null, role);

    ApiSplit copy = serializer.deserialize(3, serializer.serialize(split));

    assertThat(copy).isEqualTo(split);
    assertThat(copy.role()).isEqualTo(role);
    assertThat(copy.splitId()).isEqualTo("20261124T173000Z-000001/tasks@p4");
    assertThat(serializer.deserialize(2, serializer.serialize(split)).role()).as("version 2: a whole endpoint")
        .isEqualTo(SplitRole.WHOLE);
  }

  @Test
  void roundTripsTheIncrementalHighWaterMark() throws IOException {
    ApiSplit base = split(PageCursor.page(4), SplitStatus.ACTIVE);
    ApiSplit split = new ApiSplit(base.pipeline(), base.endpoint(), base.runId(), base.runStartedAt(), base.cursor(),
        base.recordsToSkip(), base.progress(), base.status(), base.vars(), "2026-11-24T17:29:59Z");

    ApiSplit copy = serializer.deserialize(2, serializer.serialize(split));

    assertThat(copy).isEqualTo(split);
    assertThat(copy.cursorMax()).isEqualTo("2026-11-24T17:29:59Z");
  }

  @Test
  void readsVersionOneCheckpointsWithoutAHighWaterMark() throws IOException {
    ApiSplit split = split(PageCursor.token("abc"), SplitStatus.ACTIVE);
    byte[] v2 = serializer.serialize(split);
    byte[] v1 = java.util.Arrays.copyOf(v2, v2.length - 1); // version 1 ends before the cursorMax marker

    ApiSplit copy = serializer.deserialize(1, v1);

    assertThat(copy).isEqualTo(split);
    assertThat(copy.cursorMax()).isNull();
  }

  @Test
  void rejectsUnknownVersionsWithAClearMessage() throws IOException {
    byte[] bytes = serializer.serialize(split(PageCursor.first(), SplitStatus.ACTIVE));

    assertThatThrownBy(() -> serializer.deserialize(6, bytes))
        .isInstanceOf(IOException.class)
        .hasMessage("cannot read ApiSplit serialized with version 6: this build reads versions [1, 2, 3, 4, 5] "
            + "(written by a newer Ingest?)");
  }
}
