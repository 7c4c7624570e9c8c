package dev.ingest.sources.source.enumerator;

import static dev.ingest.sources.source.enumerator.EnumeratorTesting.assignedSplits;
import static dev.ingest.sources.source.enumerator.EnumeratorTesting.assignedTo;
import static dev.ingest.sources.source.enumerator.EnumeratorTesting.roundTrip;
import static dev.ingest.sources.source.enumerator.EnumeratorTesting.twoReaders;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ingest.sources.incremental.IncrementalStart;
import dev.ingest.sources.schedule.CronSchedule;
import dev.ingest.sources.source.split.ApiSplit;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.flink.api.connector.source.mocks.MockSplitEnumeratorContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ApiSourceEnumeratorTest {
  private static final List<String> ENDPOINTS = List.of("tasks", "users", "projects");

  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-24T17:29:00Z"));
  private MockSplitEnumeratorContext<ApiSplit> context = twoReaders();

  @AfterEach
  void tearDown() throws Exception {
    context.close();
  }

  @Test
  void boundedCreatesOneRunSpreadsItsSplitsThenSignalsNoMoreSplits() {
    ApiSourceEnumerator enumerator = bounded(ApiEnumState.initial());
    enumerator.start();

    enumerator.handleSplitRequest(0, "host");
    enumerator.handleSplitRequest(1, "host");
    assertThat(assignedTo(context, 0)).containsExactly("20261124T172900Z-000001/tasks");
    assertThat(assignedTo(context, 1)).containsExactly("20261124T172900Z-000001/users");

    enumerator.handleSplitRequest(1, "host");
    assertThat(assignedTo(context, 1))
        .containsExactly("20261124T172900Z-000001/users", "20261124T172900Z-000001/projects");
    assertThat(context.hasNoMoreSplits(1)).isFalse();

    enumerator.handleSplitRequest(0, "host");
    assertThat(context.hasNoMoreSplits(0)).isTrue();
    assertThat(context.getPeriodicCallables()).as("no cron tick in bounded mode").isEmpty();
    assertThat(assignedSplits(context)).allSatisfy(split -> {
      assertThat(split.pipeline()).isEqualTo("p");
      assertThat(split.runStartedAt()).isEqualTo(clock.millis());
    });
  }

  @Test
  void boundedRestoredAfterItsRunWasCreatedDoesNotCreateAnother() throws Exception {
    ApiSourceEnumerator enumerator = bounded(ApiEnumState.initial());
    enumerator.start();
    enumerator.handleSplitRequest(0, "host");
    ApiEnumState state = roundTrip(enumerator.snapshotState(1));

    context.close();
    context = twoReaders();
    ApiSourceEnumerator restored = bounded(state);
    restored.start();
    restored.handleSplitRequest(0, "host");
    restored.handleSplitRequest(1, "host");
    restored.handleSplitRequest(0, "host");

    assertThat(assignedSplits(context)).extracting(ApiSplit::splitId)
        .containsExactly("20261124T172900Z-000001/users", "20261124T172900Z-000001/projects");
    assertThat(context.hasNoMoreSplits(0)).isTrue();
  }

  @Test
  void unboundedCreatesARunOnEachFireTime() throws Throwable {
    ApiSourceEnumerator enumerator = scheduled(ApiEnumState.initial());
    enumerator.start();
    enumerator.handleSplitRequest(0, "host");

    tickAt("2026-11-24T17:29:59Z");
    assertThat(assignedSplits(context)).as("no fire time yet").isEmpty();

    tickAt("2026-11-24T17:30:00.400Z");
    assertThat(assignedTo(context, 0)).as("the waiting reader is served")
        .containsExactly("20261124T173000Z-000001/tasks");
    enumerator.handleSplitRequest(1, "host");
    enumerator.handleSplitRequest(0, "host");
    finishAll(enumerator, "20261124T173000Z-000001");

    tickAt("2026-11-24T17:44:59Z");
    tickAt("2026-11-24T17:45:00.100Z");
    enumerator.handleSplitRequest(1, "host");
    assertThat(assignedTo(context, 1)).contains("20261124T174500Z-000002/tasks");
  }

  @Test
  void skipsAFireTimeWhileThePreviousRunIsInProgress() throws Throwable {
    ApiSourceEnumerator enumerator = scheduled(ApiEnumState.initial());
    enumerator.start();
    tickAt("2026-11-24T17:30:00Z");
    drainSplits(enumerator);
    enumerator.handleSourceEvent(0, new SplitFinishedEvent("20261124T173000Z-000001/tasks", true, 10));
    enumerator.handleSourceEvent(0, new SplitFinishedEvent("20261124T173000Z-000001/users", true, 10));

    tickAt("2026-11-24T17:45:01Z");
    assertThat(enumerator.snapshotState(1).nextRunSequence()).as("17:45 skipped").isEqualTo(2);

    enumerator.handleSourceEvent(1, new SplitFinishedEvent("20261124T173000Z-000001/projects", false, 0));
    tickAt("2026-11-24T17:50:00Z");
    assertThat(enumerator.snapshotState(2).nextRunSequence()).as("a skipped fire time is not delayed").isEqualTo(2);

    tickAt("2026-11-24T18:00:00Z");
    assertThat(enumerator.snapshotState(3).activeRunId()).contains("20261124T180000Z-000002");
  }

  @Test
  void missedFireTimesCollapseIntoOneRunForTheLatest() throws Throwable {
    ApiSourceEnumerator enumerator = scheduled(ApiEnumState.initial());
    enumerator.start();

    tickAt("2026-11-24T18:31:00Z");

    ApiEnumState state = enumerator.snapshotState(1);
    assertThat(state.activeRunId()).contains("20261124T183000Z-000001");
    assertThat(state.lastFireTime()).contains(Instant.parse("2026-11-24T18:30:00Z"));
    assertThat(state.nextRunSequence()).isEqualTo(2);
  }

  @Test
  void runOnStartStartsTheFirstRunAtOnceWhenTheJobStartsFreshOnly() throws Throwable {
    ApiSourceEnumerator enumerator = new ApiSourceEnumerator(context, new EnumeratorSettings("p", ENDPOINTS,
        Optional.of(CronSchedule.parse("*/15 * * * *")), Duration.ofSeconds(1)).withRunOnStart(true),
        ApiEnumState.initial(), clock);
    enumerator.start();
    enumerator.handleSplitRequest(0, "host");
    assertThat(assignedTo(context, 0)).as("no fire time until 17:30, the run starts at 17:29")
        .containsExactly("20261124T172900Z-000001/tasks");
    finishAll(enumerator, "20261124T172900Z-000001");
    tickAt("2026-11-24T17:30:00Z");
    ApiEnumState state = roundTrip(enumerator.snapshotState(3));
    assertThat(state.activeRunId()).as("then the schedule as usual").contains("20261124T173000Z-000002");

    context.close();
    context = twoReaders();
    ApiSourceEnumerator restored = new ApiSourceEnumerator(context, new EnumeratorSettings("p", ENDPOINTS,
        Optional.of(CronSchedule.parse("*/15 * * * *")), Duration.ofSeconds(1)).withRunOnStart(true), state, clock);
    restored.start();
    finishAll(restored, "20261124T173000Z-000002");
    assertThat(restored.snapshotState(4).nextRunSequence()).as("a restored job starts no extra run").isEqualTo(3);
  }

  @Test
  void runInProgressAndPendingSplitsSurviveSnapshotAndRestore() throws Throwable {
    ApiSourceEnumerator enumerator = scheduled(ApiEnumState.initial());
    enumerator.start();
    tickAt("2026-11-24T17:30:00Z");
    enumerator.handleSplitRequest(0, "host");

    ApiEnumState state = roundTrip(enumerator.snapshotState(7));
    assertThat(state.nextRunSequence()).isEqualTo(2);
    assertThat(state.lastFireTime()).contains(Instant.parse("2026-11-24T17:30:00Z"));
    assertThat(state.activeRunId()).contains("20261124T173000Z-000001");
    assertThat(state.pendingSplits()).extracting(ApiSplit::endpoint).containsExactly("users", "projects");
    assertThat(state.inFlightSplitIds()).containsExactlyInAnyOrder("20261124T173000Z-000001/tasks",
        "20261124T173000Z-000001/users", "20261124T173000Z-000001/projects");

    context.close();
    context = twoReaders();
    ApiSourceEnumerator restored = scheduled(state);
    restored.start();
    tickAt("2026-11-24T17:45:00Z");
    restored.handleSplitRequest(1, "host");
    restored.handleSplitRequest(0, "host");
    restored.handleSplitRequest(0, "host");
    assertThat(assignedSplits(context)).extracting(ApiSplit::splitId)
        .as("the restored run's pending splits, and no new run while it is in progress")
        .containsExactly("20261124T173000Z-000001/users", "20261124T173000Z-000001/projects");

    finishAll(restored, "20261124T173000Z-000001");
    tickAt("2026-11-24T18:00:00Z");
    assertThat(restored.snapshotState(8).activeRunId()).contains("20261124T180000Z-000002");
  }

  @Test
  void successfulSplitsAdvanceTheHighWaterMarkThatNextRunsStartFromAndCheckpointsKeep() throws Throwable {
    ApiSourceEnumerator enumerator = scheduled(ApiEnumState.initial());
    enumerator.start();
    tickAt("2026-11-24T17:30:00Z");
    drainSplits(enumerator);
    assertThat(assignedSplits(context)).allSatisfy(split -> assertThat(split.vars()).isEmpty());
    String run1 = "20261124T173000Z-000001";
    enumerator.handleSourceEvent(0, new SplitFinishedEvent(run1 + "/tasks", true, 10, "2026-11-24T17:00:00Z"));
    enumerator.handleSourceEvent(0, new SplitFinishedEvent(run1 + "/users", false, 3, "2026-11-24T17:10:00Z"));
    enumerator.handleSourceEvent(0, new SplitFinishedEvent(run1 + "/projects", true, 0));

    ApiEnumState state = roundTrip(enumerator.snapshotState(3));
    assertThat(state.incrementalCursors()).as("a failed endpoint keeps its old mark")
        .containsExactly(Map.entry("tasks", "2026-11-24T17:00:00Z"));

    context.close();
    context = twoReaders();
    ApiSourceEnumerator restored = scheduled(state);
    restored.start();
    tickAt("2026-11-24T17:45:00Z");
    drainSplits(restored);
    assertThat(assignedSplits(context)).filteredOn(split -> split.endpoint().equals("tasks")).singleElement()
        .satisfies(split -> assertThat(split.vars()).containsExactly(
            Map.entry(IncrementalStart.CURSOR, "2026-11-24T17:00:00Z")));
    assertThat(assignedSplits(context)).filteredOn(split -> !split.endpoint().equals("tasks"))
        .allSatisfy(split -> assertThat(split.vars()).isEmpty());

    restored.handleSourceEvent(0, new SplitFinishedEvent("20261124T174500Z-000002/tasks", true, 1,
        "2026-11-24T16:00:00Z"));
    assertThat(restored.snapshotState(4).incrementalCursors()).as("never moves backwards")
        .containsEntry("tasks", "2026-11-24T17:00:00Z");
  }

  @Test
  void splitsAddedBackGoToTheNextReaderThatAsks() throws Throwable {
    ApiSourceEnumerator enumerator = scheduled(ApiEnumState.initial());
    enumerator.start();
    tickAt("2026-11-24T17:30:00Z");
    enumerator.handleSplitRequest(0, "host");
    ApiSplit tasks = assignedSplits(context).get(0);

    enumerator.addSplitsBack(List.of(tasks), 0);
    enumerator.handleSplitRequest(1, "host");

    assertThat(assignedTo(context, 1)).containsExactly(tasks.splitId());
  }

  @Test
  void repeatedAndUnknownFinishReportsAreIgnored() throws Throwable {
    ApiSourceEnumerator enumerator = scheduled(ApiEnumState.initial());
    enumerator.start();
    tickAt("2026-11-24T17:30:00Z");

    enumerator.handleSourceEvent(0, new SplitFinishedEvent("20261124T173000Z-000001/tasks", true, 1));
    enumerator.handleSourceEvent(0, new SplitFinishedEvent("20261124T173000Z-000001/tasks", true, 1));
    enumerator.handleSourceEvent(0, new SplitFinishedEvent("20200101T000000Z-000009/tasks", true, 1));

    assertThat(enumerator.snapshotState(1).inFlightSplitIds()).containsExactlyInAnyOrder(
        "20261124T173000Z-000001/users", "20261124T173000Z-000001/projects");
  }

  @Test
  void runIdsSortByFireTimeThenSequence() {
    assertThat(RunFactory.runId(Instant.parse("2026-11-24T17:30:00.999Z"), 1))
        .isEqualTo("20261124T173000Z-000001");
    assertThat(RunFactory.runId(Instant.parse("2026-11-24T17:30:00Z"), 2))
        .isLessThan(RunFactory.runId(Instant.parse("2026-11-24T17:45:00Z"), 3));
  }

  // ---------------------------------------------------------------------------------------------------------

  private ApiSourceEnumerator bounded(ApiEnumState state) {
    return new ApiSourceEnumerator(context,
        new EnumeratorSettings("p", ENDPOINTS, Optional.empty(), Duration.ofSeconds(1)), state, clock);
  }

  private ApiSourceEnumerator scheduled(ApiEnumState state) {
    return new ApiSourceEnumerator(context, new EnumeratorSettings("p", ENDPOINTS,
        Optional.of(CronSchedule.parse("*/15 * * * *")), Duration.ofSeconds(1)), state, clock);
  }

  private void tickAt(String isoInstant) throws Throwable {
    clock.set(isoInstant);
    context.runPeriodicCallable(0);
  }

  private void drainSplits(ApiSourceEnumerator enumerator) {
    for (int i = 0; i < ENDPOINTS.size(); i++) {
      enumerator.handleSplitRequest(i % 2, "host");
    }
  }

  private static void finishAll(ApiSourceEnumerator enumerator, String runId) {
    ENDPOINTS.forEach(e -> enumerator.handleSourceEvent(0, new SplitFinishedEvent(runId + "/" + e, true, 5)));
  }
}
