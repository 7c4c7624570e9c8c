package dev.ingest.sources.source.enumerator;

import static dev.ingest.sources.source.enumerator.EnumeratorTesting.assignedSplits;
import static dev.ingest.sources.source.enumerator.EnumeratorTesting.roundTrip;
import static dev.ingest.sources.source.enumerator.EnumeratorTesting.twoReaders;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ingest.sources.incremental.IncrementalStart;
import dev.ingest.sources.schedule.CronSchedule;
import dev.ingest.sources.source.request.RunRequestClient;
import dev.ingest.sources.source.request.RunRequestMark;
import dev.ingest.sources.source.split.ApiSplit;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.flink.api.connector.source.mocks.MockSplitEnumeratorContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Run requests polled by a scheduled enumerator: accepted once, run as ordinary runs, coalesced, restored. */
class RunRequestEnumeratorTest {
  private static final List<String> ENDPOINTS = List.of("tasks", "users");
  /** Index of the poll among the context's periodic callables (the cron tick is 0). */
  private static final int POLL = 1;

  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-24T17:29:00Z"));
  private final ScriptedRequests control = new ScriptedRequests();
  private MockSplitEnumeratorContext<ApiSplit> context = twoReaders();

  @AfterEach
  void tearDown() throws Exception {
    context.close();
  }

  @Test
  void aRequestWhileIdleStartsAnOrdinaryRunFromTheKeptCursor() throws Throwable {
    ApiSourceEnumerator enumerator = scheduled(state(RunRequestMark.NONE, "2026-11-24T17:00:00Z"));
    enumerator.start();
    control.pending.add(7L);

    clock.set("2026-11-24T17:29:05Z");
    context.runPeriodicCallable(POLL);

    assertThat(splitsCreated(enumerator)).extracting(ApiSplit::splitId)
        .containsExactly("20261124T172905Z-000001/tasks", "20261124T172905Z-000001/users");
    assertThat(splitsCreated(enumerator)).allSatisfy(split ->
        assertThat(split.vars()).containsEntry(IncrementalStart.CURSOR, "2026-11-24T17:00:00Z"));
    assertThat(enumerator.snapshotState(1).runRequests())
        .isEqualTo(new RunRequestMark(7, 7, Optional.of("20261124T172905Z-000001")));
    // the next poll reports the watermark and the run: the control plane answers nothing new
    context.runPeriodicCallable(POLL);
    assertThat(control.reports).last().isEqualTo(new RunRequestMark(7, 7, Optional.of("20261124T172905Z-000001")));
    assertThat(enumerator.snapshotState(2).nextRunSequence()).isEqualTo(2);
  }

  @Test
  void requestsDuringARunAreQueuedAndShareTheNextRun() throws Throwable {
    ApiSourceEnumerator enumerator = scheduled(ApiEnumState.initial());
    enumerator.start();
    control.pending.add(1L);
    context.runPeriodicCallable(POLL);
    String first = "20261124T172900Z-000001";
    drain(enumerator);

    control.pending.addAll(List.of(2L, 3L));
    context.runPeriodicCallable(POLL);
    assertThat(enumerator.snapshotState(1).runRequests()).as("queued while run 1 is in progress")
        .isEqualTo(new RunRequestMark(3, 1, Optional.of(first)));
    assertThat(enumerator.snapshotState(1).nextRunSequence()).isEqualTo(2);

    clock.set("2026-11-24T17:29:30Z");
    finish(enumerator, first);

    String second = "20261124T172930Z-000002";
    assertThat(enumerator.snapshotState(2).runRequests()).isEqualTo(new RunRequestMark(3, 3, Optional.of(second)));
    assertThat(enumerator.snapshotState(2).activeRunId()).contains(second);
    assertThat(enumerator.snapshotState(2).nextRunSequence()).as("two requests, one run").isEqualTo(3);
  }

  @Test
  void aScheduledFireAndAWaitingRequestShareOneRun() throws Throwable {
    ApiSourceEnumerator enumerator = scheduled(ApiEnumState.initial());
    enumerator.start();
    control.pending.add(4L);
    clock.set("2026-11-24T17:30:00Z");
    context.runPeriodicCallable(0); // the cron fire starts run 1; the request arrives with the next poll
    context.runPeriodicCallable(POLL);
    assertThat(enumerator.snapshotState(1).runRequests()).isEqualTo(new RunRequestMark(4, 0, Optional.empty()));

    drain(enumerator);
    finish(enumerator, "20261124T173000Z-000001");

    assertThat(enumerator.snapshotState(2).activeRunId()).contains("20261124T173000Z-000002");
    assertThat(enumerator.snapshotState(2).runRequests().startedThrough()).isEqualTo(4);
  }

  @Test
  void aRestoreBetweenAcceptAndRunStartsTheRunOnceAndNeverAcceptsTheRequestAgain() throws Throwable {
    ApiSourceEnumerator enumerator = scheduled(ApiEnumState.initial());
    enumerator.start();
    control.pending.add(1L);
    context.runPeriodicCallable(POLL);
    drain(enumerator);
    control.pending.add(2L);
    context.runPeriodicCallable(POLL); // accepted and queued behind run 1
    ApiEnumState checkpoint = roundTrip(enumerator.snapshotState(5));
    assertThat(checkpoint.runRequests()).isEqualTo(new RunRequestMark(2, 1, Optional.of("20261124T172900Z-000001")));

    // failover: the job restarts from that checkpoint; the control plane still lists request 2
    context.close();
    context = twoReaders();
    control.pending.add(2L);
    ApiSourceEnumerator restored = scheduled(checkpoint);
    restored.start();
    context.runPeriodicCallable(POLL);
    assertThat(control.reports).last().extracting(RunRequestMark::acceptedThrough).isEqualTo(2L);
    drain(restored);
    clock.set("2026-11-24T17:29:40Z");
    finish(restored, "20261124T172900Z-000001");

    ApiEnumState after = restored.snapshotState(6);
    assertThat(after.activeRunId()).contains("20261124T172940Z-000002");
    assertThat(after.runRequests()).isEqualTo(new RunRequestMark(2, 2, Optional.of("20261124T172940Z-000002")));
    finish(restored, "20261124T172940Z-000002");
    context.runPeriodicCallable(POLL);
    assertThat(restored.snapshotState(7).nextRunSequence()).as("request 2 ran once").isEqualTo(3);
  }

  @Test
  void aControlPlaneThatIsDownNeitherFailsTheJobNorStopsScheduledRuns() throws Throwable {
    ApiSourceEnumerator enumerator = scheduled(ApiEnumState.initial());
    enumerator.start();
    control.down = true;

    context.runPeriodicCallable(POLL);
    context.runPeriodicCallable(POLL);
    clock.set("2026-11-24T17:30:00Z");
    context.runPeriodicCallable(0);

    assertThat(enumerator.snapshotState(1).activeRunId()).contains("20261124T173000Z-000001");
    assertThat(enumerator.snapshotState(1).runRequests()).isEqualTo(RunRequestMark.NONE);
    control.down = false;
    control.pending.add(9L);
    context.runPeriodicCallable(POLL);
    assertThat(enumerator.snapshotState(2).runRequests().acceptedThrough()).isEqualTo(9);
  }

  @Test
  void aBoundedEnumeratorDoesNotPoll() {
    ApiSourceEnumerator enumerator = new ApiSourceEnumerator(context,
        new EnumeratorSettings("p", ENDPOINTS, Optional.empty(), Duration.ofSeconds(1)), ApiEnumState.initial(),
        clock, control, Duration.ofSeconds(1));
    enumerator.start();

    assertThat(context.getPeriodicCallables()).isEmpty();
  }

  // ---------------------------------------------------------------------------------------------------------

  private ApiSourceEnumerator scheduled(ApiEnumState state) {
    return new ApiSourceEnumerator(context, new EnumeratorSettings("p", ENDPOINTS,
        Optional.of(CronSchedule.parse("*/15 * * * *")), Duration.ofSeconds(1)), state, clock, control,
        Duration.ofSeconds(1));
  }

  private static ApiEnumState state(RunRequestMark mark, String tasksCursor) {
    return new ApiEnumState(1, Optional.empty(), List.of(), Optional.empty(), java.util.Set.of(),
        java.util.Map.of("tasks", tasksCursor, "users", tasksCursor), java.util.Map.of(), mark);
  }

  private List<ApiSplit> splitsCreated(ApiSourceEnumerator enumerator) {
    drain(enumerator);
    return assignedSplits(context);
  }

  private void drain(ApiSourceEnumerator enumerator) {
    for (int i = 0; i < ENDPOINTS.size(); i++) {
      enumerator.handleSplitRequest(i % 2, "host");
    }
  }

  private static void finish(ApiSourceEnumerator enumerator, String runId) {
    ENDPOINTS.forEach(e -> enumerator.handleSourceEvent(0, new SplitFinishedEvent(runId + "/" + e, true, 5)));
  }

  /** The control plane as a script: lists every pending id above the reported watermark, records the reports. */
  private static final class ScriptedRequests implements RunRequestClient {
    final List<Long> pending = new ArrayList<>();
    final List<RunRequestMark> reports = new ArrayList<>();
    boolean down;

    @Override
    public List<Long> poll(RunRequestMark mark) throws IOException {
      if (down) {
        throw new IOException("connection refused");
      }
      reports.add(mark);
      return pending.stream().filter(id -> id > mark.acceptedThrough()).distinct().sorted().toList();
    }
  }
}
