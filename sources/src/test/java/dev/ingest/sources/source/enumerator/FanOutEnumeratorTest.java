package dev.ingest.sources.source.enumerator;

import static dev.ingest.sources.source.enumerator.EnumeratorTesting.assignedSplits;
import static dev.ingest.sources.source.enumerator.EnumeratorTesting.assignedTo;
import static dev.ingest.sources.source.enumerator.EnumeratorTesting.roundTrip;
import static dev.ingest.sources.source.enumerator.EnumeratorTesting.twoReaders;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ingest.sources.fetch.FetchStats;
import dev.ingest.sources.fetch.FetchTarget;
import dev.ingest.sources.fetch.PageCursor;
import dev.ingest.sources.incremental.IncrementalStart;
import dev.ingest.sources.source.split.ApiSplit;
import dev.ingest.sources.source.split.ApiSplitState;
import dev.ingest.sources.source.split.SplitRole;
import dev.ingest.sources.source.split.SplitStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.flink.api.connector.source.mocks.MockSplitEnumeratorContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The enumerator's fan-out of an endpoint with a parent: one split per parent record, a summary split last. */
class FanOutEnumeratorTest {
  private static final String RUN = "20261124T172900Z-000001";
  private static final FetchStats ONE_REQUEST = new FetchStats(1, 0, 0, 100, 0, 700); // 100 wire bytes, 700 decoded

  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-24T17:29:00Z"));
  private MockSplitEnumeratorContext<ApiSplit> context = twoReaders();

  @AfterEach
  void tearDown() throws Exception {
    context.close();
  }

  @Test
  void aParentPageBecomesOneChildSplitPerParentSpreadOverTheReadersThenOneSummary() {
    ApiSourceEnumerator enumerator = bounded(ApiEnumState.initial());
    enumerator.start();
    enumerator.handleSplitRequest(0, "host");
    enumerator.handleSplitRequest(1, "host");
    enumerator.handleSplitRequest(1, "host");
    assertThat(assignedTo(context, 0)).containsExactly(RUN + "/tasks@p0");
    assertThat(assignedTo(context, 1)).containsExactly(RUN + "/users");
    assertThat(context.hasNoMoreSplits(1)).as("the fan-out can still add splits").isFalse();

    ApiSplit p0 = assigned(RUN + "/tasks@p0");
    assertThat(p0.fetchTarget().scope()).isEqualTo(FetchTarget.Scope.PARENTS);
    enumerator.handleSourceEvent(0, new PartFinishedEvent(parentsRead(p0, List.of("a", "b", "c"),
        Optional.of(new PageCursor.PageNumber(2)))));
    assertThat(assignedTo(context, 1)).as("the waiting reader gets the first child").endsWith(RUN + "/tasks@0.0");
    enumerator.handleSplitRequest(0, "host");
    enumerator.handleSplitRequest(1, "host");
    enumerator.handleSplitRequest(1, "host");
    ApiSplit child = assigned(RUN + "/tasks@0.0");
    assertThat(child.role().kind()).isEqualTo(SplitRole.Kind.CHILD);
    assertThat(child.fetchTarget().scope()).isEqualTo(FetchTarget.Scope.ONE_PARENT);
    assertThat(child.vars()).containsEntry("parent.gid", "a");

    ApiSplit p1 = assigned(RUN + "/tasks@p1");
    assertThat(p1.cursor()).isEqualTo(new PageCursor.PageNumber(2));
    enumerator.handleSourceEvent(1, new PartFinishedEvent(parentsRead(p1, List.of("d"), Optional.empty())));
    enumerator.handleSplitRequest(0, "host");
    for (String key : List.of("0.0", "0.1", "0.2", "1.0")) {
      enumerator.handleSourceEvent(0, new PartFinishedEvent(childRead(assigned(RUN + "/tasks@" + key), 10, null)));
    }
    enumerator.handleSourceEvent(1, new SplitFinishedEvent(RUN + "/users", true, 3));
    assertThat(assignedTo(context, 0)).containsExactly(RUN + "/tasks@p0", RUN + "/tasks@0.1", RUN + "/tasks@1.0");
    assertThat(assignedTo(context, 1)).containsExactly(RUN + "/users", RUN + "/tasks@0.0", RUN + "/tasks@0.2",
        RUN + "/tasks@p1");

    enumerator.handleSplitRequest(1, "host");
    ApiSplit summary = assigned(RUN + "/tasks@summary");
    assertThat(summary.role().kind()).isEqualTo(SplitRole.Kind.SUMMARY);
    assertThat(summary.progress().rows()).isEqualTo(40);
    assertThat(summary.progress().requests()).as("2 parent pages + 4 children").isEqualTo(6);
    assertThat(summary.progress().bytes()).as("wire bytes of 6 requests").isEqualTo(600);
    assertThat(summary.progress().decodedBytes()).as("decoded bytes of 6 requests").isEqualTo(4_200);
    assertThat(summary.role().errorClass()).isNull();
    assertThat(enumerator.snapshotState(1).fanOuts()).isEmpty();
    enumerator.handleSplitRequest(0, "host");
    assertThat(context.hasNoMoreSplits(0)).as("nothing can be added any more").isTrue();
    enumerator.handleSourceEvent(1, new SplitFinishedEvent(summary.splitId(), true, 40));
    assertThat(enumerator.snapshotState(2).inFlightSplitIds()).isEmpty();
  }

  @Test
  void pendingChildrenSurviveARestoreAndARepeatedParentReportCreatesNoDuplicates() throws Exception {
    ApiSourceEnumerator enumerator = bounded(ApiEnumState.initial());
    enumerator.start();
    enumerator.handleSplitRequest(0, "host");
    ApiSplit p0 = parentsRead(assigned(RUN + "/tasks@p0"), List.of("a", "b"), Optional.empty());
    enumerator.handleSourceEvent(0, new PartFinishedEvent(p0));

    ApiEnumState state = roundTrip(enumerator.snapshotState(5));
    assertThat(state.fanOuts()).containsOnlyKeys("tasks");
    assertThat(state.fanOuts().get("tasks").open()).isEqualTo(2);
    assertThat(state.pendingSplits()).extracting(ApiSplit::splitId)
        .containsExactly(RUN + "/users", RUN + "/tasks@0.0", RUN + "/tasks@0.1");

    context.close();
    context = twoReaders();
    ApiSourceEnumerator restored = bounded(state);
    restored.start();
    restored.handleSourceEvent(1, new PartFinishedEvent(p0));
    restored.handleSourceEvent(0, new SplitFinishedEvent(RUN + "/users", true, 1));
    for (int i = 0; i < 4; i++) {
      restored.handleSplitRequest(i % 2, "host");
    }
    assertThat(assignedSplits(context)).extracting(ApiSplit::splitId).as("each child once, no new run")
        .containsExactly(RUN + "/users", RUN + "/tasks@0.0", RUN + "/tasks@0.1");

    restored.handleSourceEvent(0, new PartFinishedEvent(childRead(assigned(RUN + "/tasks@0.0"), 7, null)));
    restored.handleSourceEvent(0, new PartFinishedEvent(childRead(assigned(RUN + "/tasks@0.0"), 7, null)));
    restored.handleSourceEvent(1, new PartFinishedEvent(childRead(assigned(RUN + "/tasks@0.1"), 5, null)));
    restored.handleSplitRequest(0, "host");
    assertThat(assigned(RUN + "/tasks@summary").progress().rows()).as("the repeated report counts once")
        .isEqualTo(12);
  }

  @Test
  void aFailedChildFailsTheEndpointWithItsClassAndKeepsTheHighWaterMark() {
    Map<String, String> cursors = Map.of("tasks", "2026-01-01T00:00:00Z");
    ApiSourceEnumerator enumerator = bounded(
        new ApiEnumState(1, Optional.empty(), List.of(), Optional.empty(), Set.of(), cursors));
    enumerator.start();
    enumerator.handleSplitRequest(0, "host");
    ApiSplit p0 = assigned(RUN + "/tasks@p0");
    enumerator.handleSourceEvent(0, new PartFinishedEvent(parentsRead(p0, List.of("a", "b"), Optional.empty())));
    enumerator.handleSplitRequest(0, "host");
    enumerator.handleSplitRequest(1, "host");
    enumerator.handleSplitRequest(1, "host");
    ApiSplit a = assigned(RUN + "/tasks@0.0");
    assertThat(a.vars()).containsEntry(IncrementalStart.CURSOR, "2026-01-01T00:00:00Z").containsEntry(
        "parent.gid", "a");
    enumerator.handleSourceEvent(0, new PartFinishedEvent(childRead(a, 4, "2026-02-01T00:00:00Z")));
    ApiSplitState failing = new ApiSplitState(assigned(RUN + "/tasks@0.1"));
    failing.finishPart(SplitStatus.FAILED, "NOT_FOUND", "HTTP 404 for /projects/b/tasks");
    enumerator.handleSourceEvent(1, new PartFinishedEvent(failing.toSplit()));
    enumerator.handleSplitRequest(0, "host");

    ApiSplit summary = assigned(RUN + "/tasks@summary");
    assertThat(summary.role().errorClass()).isEqualTo("NOT_FOUND");
    assertThat(summary.role().errorMessage()).contains("404");
    assertThat(summary.progress().rows()).isEqualTo(4);
    assertThat(summary.vars()).containsExactly(Map.entry(IncrementalStart.CURSOR, "2026-01-01T00:00:00Z"));
    enumerator.handleSourceEvent(0, new SplitFinishedEvent(summary.splitId(), false, 4, summary.cursorMax()));
    assertThat(enumerator.snapshotState(2).incrementalCursors()).as("a failed run never advances the mark")
        .containsEntry("tasks", "2026-01-01T00:00:00Z");
  }

  @Test
  void aParentCursorRepeatedAcrossPartsFailsTheEndpointAsPaginationAlsoAcrossARestore() throws Exception {
    ApiSourceEnumerator enumerator = bounded(ApiEnumState.initial());
    enumerator.start();
    enumerator.handleSplitRequest(0, "host");
    PageCursor same = PageCursor.token("eyJ0eXAiOiJKV1QifQ");
    enumerator.handleSourceEvent(0, new PartFinishedEvent(parentsRead(assigned(RUN + "/tasks@p0"),
        List.of("a", "b"), Optional.of(same))));

    ApiEnumState state = roundTrip(enumerator.snapshotState(3));
    assertThat(state.fanOuts().get("tasks").walk().requested()).as("first page and the announced one").hasSize(2);
    context.close();
    context = twoReaders();
    ApiSourceEnumerator restored = bounded(state);
    restored.start();
    for (int i = 0; i < 4; i++) {
      restored.handleSplitRequest(i % 2, "host");
    }
    ApiSplit p1 = assigned(RUN + "/tasks@p1");
    assertThat(p1.cursor()).isEqualTo(same);
    restored.handleSourceEvent(1, new PartFinishedEvent(parentsRead(p1, List.of("a", "b"), Optional.of(same))));
    restored.handleSourceEvent(0, new SplitFinishedEvent(RUN + "/users", true, 1));
    restored.handleSourceEvent(0, new PartFinishedEvent(childRead(assigned(RUN + "/tasks@0.0"), 3, null)));
    restored.handleSourceEvent(1, new PartFinishedEvent(childRead(assigned(RUN + "/tasks@0.1"), 2, null)));
    restored.handleSplitRequest(0, "host");
    restored.handleSplitRequest(1, "host");

    assertThat(assignedSplits(context)).extracting(ApiSplit::splitId)
        .as("the repeated page fans out no children and no next page")
        .containsExactly(RUN + "/users", RUN + "/tasks@0.0", RUN + "/tasks@0.1", RUN + "/tasks@p1",
            RUN + "/tasks@summary");
    ApiSplit summary = assigned(RUN + "/tasks@summary");
    assertThat(summary.role().errorClass()).isEqualTo("PAGINATION");
    assertThat(summary.role().errorMessage()).isEqualTo("pagination loop in endpoint 'tasks': parent page 2 points "
        + "to a parent page already requested in this run (token(18 chars)); its 2 parent record(s) were not "
        + "fanned out");
    assertThat(summary.progress().rows()).isEqualTo(5);
    assertThat(summary.progress().requests()).as("2 parent pages + 2 children").isEqualTo(4);
    assertThat(context.hasNoMoreSplits(1)).as("the bounded run is over").isTrue();
  }

  @Test
  void theParentsPageCapHoldsAcrossPartsAndTheLastPageWithinItFansOut() {
    ApiSourceEnumerator enumerator = tasksOnly(Map.of("tasks", 2));
    enumerator.start();
    enumerator.handleSplitRequest(0, "host");
    enumerator.handleSourceEvent(0, new PartFinishedEvent(parentsRead(assigned(RUN + "/tasks@p0"), List.of("a"),
        Optional.of(PageCursor.page(2)))));
    enumerator.handleSplitRequest(0, "host");
    enumerator.handleSplitRequest(1, "host");
    enumerator.handleSourceEvent(1, new PartFinishedEvent(parentsRead(assigned(RUN + "/tasks@p1"), List.of("b"),
        Optional.of(PageCursor.page(3)))));
    enumerator.handleSplitRequest(1, "host");
    enumerator.handleSourceEvent(0, new PartFinishedEvent(childRead(assigned(RUN + "/tasks@0.0"), 1, null)));
    enumerator.handleSourceEvent(1, new PartFinishedEvent(childRead(assigned(RUN + "/tasks@1.0"), 1, null)));
    enumerator.handleSplitRequest(0, "host");

    assertThat(assignedSplits(context)).extracting(ApiSplit::splitId).containsExactly(RUN + "/tasks@p0",
        RUN + "/tasks@0.0", RUN + "/tasks@p1", RUN + "/tasks@1.0", RUN + "/tasks@summary");
    ApiSplit summary = assigned(RUN + "/tasks@summary");
    assertThat(summary.role().errorClass()).isEqualTo("PAGINATION");
    assertThat(summary.role().errorMessage()).isEqualTo("endpoint 'tasks' walks more than max_pages (2) pages of "
        + "its parent; raise the parent's paging.max_pages if that is expected");
    assertThat(summary.progress().rows()).isEqualTo(2);
  }

  @Test
  void anEmptyParentPageMayPointBackThreeTimesInARowThenItIsALoop() {
    ApiSourceEnumerator enumerator = tasksOnly(Map.of());
    enumerator.start();
    enumerator.handleSplitRequest(0, "host");
    PageCursor again = PageCursor.token("retry");
    enumerator.handleSourceEvent(0, new PartFinishedEvent(parentsRead(assigned(RUN + "/tasks@p0"), List.of("a"),
        Optional.of(again))));
    for (int page = 1; page <= 4; page++) {
      enumerator.handleSplitRequest(0, "host");
      enumerator.handleSplitRequest(0, "host");
      enumerator.handleSourceEvent(0, new PartFinishedEvent(parentsRead(assigned(RUN + "/tasks@p" + page),
          List.of(), Optional.of(again))));
    }
    enumerator.handleSplitRequest(0, "host");
    enumerator.handleSourceEvent(0, new PartFinishedEvent(childRead(assigned(RUN + "/tasks@0.0"), 1, null)));
    enumerator.handleSplitRequest(1, "host");
    enumerator.handleSplitRequest(1, "host");

    assertThat(assignedSplits(context)).extracting(ApiSplit::splitId).filteredOn(id -> id.contains("@p"))
        .as("p1 is the first request of the cursor; p2..p4 are the three repeats allowed; p5 is never created")
        .containsExactly(RUN + "/tasks@p0", RUN + "/tasks@p1", RUN + "/tasks@p2", RUN + "/tasks@p3",
            RUN + "/tasks@p4");
    assertThat(assigned(RUN + "/tasks@summary").role().errorClass()).isEqualTo("PAGINATION");
  }

  // ---------------------------------------------------------------------------------------------------------

  /** A parent page split that read one page with parents {@code gids} (what its reader reports). */
  private static ApiSplit parentsRead(ApiSplit split, List<String> gids, Optional<PageCursor> next) {
    ApiSplitState state = new ApiSplitState(split);
    state.parentsFound(gids.stream().map(gid -> Map.of("parent.gid", gid)).toList(), next);
    state.pageEnded(null, ONE_REQUEST, 1_000);
    state.finishPart(SplitStatus.SUCCEEDED, null, null);
    return state.toSplit();
  }

  /** A child split that emitted {@code rows} records on one page. */
  private static ApiSplit childRead(ApiSplit split, int rows, String cursorMax) {
    ApiSplitState state = new ApiSplitState(split);
    for (int i = 0; i < rows; i++) {
      state.recordEmitted();
    }
    state.pageEnded(null, ONE_REQUEST, 2_000, cursorMax);
    state.finishPart(SplitStatus.SUCCEEDED, null, null);
    return state.toSplit();
  }

  private ApiSourceEnumerator bounded(ApiEnumState state) {
    return new ApiSourceEnumerator(context, new EnumeratorSettings("p", List.of("tasks", "users"), Optional.empty(),
        Duration.ofSeconds(1), Set.of("tasks")), state, clock);
  }

  /** A bounded enumerator of the fanned-out tasks alone, with {@code parentPageLimits}. */
  private ApiSourceEnumerator tasksOnly(Map<String, Integer> parentPageLimits) {
    return new ApiSourceEnumerator(context, new EnumeratorSettings("p", List.of("tasks"), Optional.empty(),
        Duration.ofSeconds(1), Set.of("tasks"), parentPageLimits), ApiEnumState.initial(), clock);
  }

  private ApiSplit assigned(String splitId) {
    return assignedSplits(context).stream().filter(s -> s.splitId().equals(splitId)).findFirst()
        .orElseThrow(() -> new AssertionError(splitId + " was not assigned; assigned: " + assignedSplits(context)));
  }
}
