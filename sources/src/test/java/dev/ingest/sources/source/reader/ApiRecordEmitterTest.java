package dev.ingest.sources.source.reader;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ingest.sources.fetch.ErrorClass;
import dev.ingest.sources.fetch.FetchStats;
import dev.ingest.sources.fetch.PageCursor;
import dev.ingest.sources.incremental.IncrementalStart;
import dev.ingest.sources.source.event.ApiEvent;
import dev.ingest.sources.source.event.EndpointRun;
import dev.ingest.sources.source.metrics.ApiSourceMetrics;
import dev.ingest.sources.source.split.ApiSplit;
import dev.ingest.sources.source.split.ApiSplitState;
import dev.ingest.sources.source.split.SplitStatus;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import org.apache.flink.connector.testutils.source.reader.TestingReaderOutput;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.testutils.MetricListener;
import org.junit.jupiter.api.Test;

class ApiRecordEmitterTest {
  private static final long NOW = Instant.parse("2026-11-24T17:31:00Z").toEpochMilli();

  private final MetricListener metrics = new MetricListener();
  private final ApiRecordEmitter emitter = new ApiRecordEmitter(new ApiSourceMetrics(metrics.getMetricGroup()),
      Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC));
  private final TestingReaderOutput<ApiEvent> output = new TestingReaderOutput<>();
  private final ApiSplitState state =
      new ApiSplitState(ApiSplit.start("p", "tasks", "20261124T173000Z-000001", 1_000, Map.of()));

  @Test
  void advancesTheStateWithEveryRecord() {
    emitter.emitRecord(new ApiItem.Record("{\"id\":1}"), output, state);
    assertThat(state.toSplit().cursor()).isEqualTo(PageCursor.first());
    assertThat(state.toSplit().recordsToSkip()).isEqualTo(1);

    emitter.emitRecord(new ApiItem.Record("{\"id\":2}"), output, state);
    assertThat(state.toSplit().recordsToSkip()).isEqualTo(2);
    assertThat(state.toSplit().progress().rows()).isEqualTo(2);

    assertThat(output.getEmittedRecords()).extracting(ApiEvent::text).containsExactly("{\"id\":1}", "{\"id\":2}");
    assertThat(output.getEmittedRecords()).allSatisfy(e -> {
      assertThat(e.isRecord()).isTrue();
      assertThat(e.endpoint).isEqualTo("tasks");
      assertThat(e.runId).isEqualTo("20261124T173000Z-000001");
      assertThat(e.runStartedAt).isEqualTo(1_000);
    });
  }

  @Test
  void pageEndMovesToTheNextCursorAndAddsThePageStats() {
    emitter.emitRecord(new ApiItem.Record("{}"), output, state);
    emitter.emitRecord(new ApiItem.PageEnd(Optional.of(PageCursor.page(2)), new FetchStats(2, 1, 1, 512, 30),
        NOW - 5_000), output, state);

    ApiSplit split = state.toSplit();
    assertThat(split.cursor()).isEqualTo(PageCursor.page(2));
    assertThat(split.recordsToSkip()).isZero();
    assertThat(split.progress().pages()).isEqualTo(1);
    assertThat(split.progress().requests()).isEqualTo(2);
    assertThat(split.progress().bytes()).isEqualTo(512);
    assertThat(split.progress().startedAt()).isEqualTo(NOW - 5_000);
    assertThat(split.isCompleted()).isFalse();
    assertThat(output.getEmittedRecords()).hasSize(1);
    assertThat(metrics.getCounter("endpoint", "tasks", "pages")).get().extracting(Counter::getCount).isEqualTo(1L);
    assertThat(metrics.getCounter("endpoint", "tasks", "throttled")).get().extracting(Counter::getCount)
        .isEqualTo(1L);
  }

  @Test
  void pageEndsRaiseTheIncrementalHighWaterMarkAndTheRunRecordsWhereItStarted() {
    ApiSplitState incremental = new ApiSplitState(ApiSplit.start("p", "tasks", "20261124T173000Z-000001", 1_000,
        Map.of(IncrementalStart.CURSOR, "2026-11-20T00:00:00Z")));
    emitter.emitRecord(new ApiItem.PageEnd(Optional.of(PageCursor.page(2)), FetchStats.NONE, NOW,
        Optional.of("2026-11-24T10:00:00Z")), output, incremental);
    assertThat(incremental.toSplit().cursorMax()).isEqualTo("2026-11-24T10:00:00Z");

    emitter.emitRecord(new ApiItem.PageEnd(Optional.empty(), FetchStats.NONE, NOW,
        Optional.of("2026-11-23T10:00:00+02:00")), output, incremental);

    assertThat(incremental.toSplit().cursorMax()).as("an earlier instant does not lower the mark")
        .isEqualTo("2026-11-24T10:00:00Z");
    assertThat(output.getEmittedRecords()).last().satisfies(
        event -> {
          assertThat(event.run.cursorStart).isEqualTo("2026-11-20T00:00:00Z");
          assertThat(event.run.cursorEnd).as("the mark the next job starts from").isEqualTo("2026-11-24T10:00:00Z");
        });
  }

  @Test
  void aFailedRunRecordsNoHighWaterMarkAndAnEmptyOneKeepsWhereItStarted() {
    ApiSplitState failed = new ApiSplitState(ApiSplit.start("p", "tasks", "r", 1_000,
        Map.of(IncrementalStart.CURSOR, "2026-11-20T00:00:00Z")));
    failed.pageEnded(PageCursor.page(2), FetchStats.NONE, NOW, "2026-11-24T10:00:00Z");
    assertThat(failed.complete(SplitStatus.FAILED, "SERVER_ERROR", "boom", NOW).cursorEnd).isNull();

    ApiSplitState empty = new ApiSplitState(ApiSplit.start("p", "tasks", "r", 1_000,
        Map.of(IncrementalStart.CURSOR, "2026-11-20T00:00:00Z")));
    assertThat(empty.complete(SplitStatus.SUCCEEDED, null, null, NOW).cursorEnd).isEqualTo("2026-11-20T00:00:00Z");
  }

  @Test
  void lastPageEndEmitsASucceededEndpointRunAndCompletesTheSplit() {
    emitter.emitRecord(new ApiItem.Record("{}"), output, state);
    emitter.emitRecord(new ApiItem.PageEnd(Optional.of(PageCursor.page(2)), new FetchStats(1, 0, 0, 10, 0),
        NOW - 2_000), output, state);
    emitter.emitRecord(new ApiItem.Record("{}"), output, state);
    emitter.emitRecord(new ApiItem.Record("{}"), output, state);
    emitter.emitRecord(new ApiItem.PageEnd(Optional.empty(), new FetchStats(3, 2, 1, 20, 700), NOW - 1_000),
        output, state);

    assertThat(output.getEmittedRecords()).hasSize(4);
    ApiEvent last = output.getEmittedRecords().get(3);
    assertThat(last.kind).isEqualTo(ApiEvent.ENDPOINT_RUN);
    EndpointRun run = last.run;
    assertThat(run.status).isEqualTo(EndpointRun.SUCCEEDED);
    assertThat(run.endpoint).isEqualTo("tasks");
    assertThat(run.runId).isEqualTo("20261124T173000Z-000001");
    assertThat(run.runStartedAt).isEqualTo(1_000);
    assertThat(run.rows).isEqualTo(3);
    assertThat(run.pages).isEqualTo(2);
    assertThat(run.requests).isEqualTo(4);
    assertThat(run.retries).isEqualTo(2);
    assertThat(run.throttled).isEqualTo(1);
    assertThat(run.bytes).isEqualTo(30);
    assertThat(run.waitedMillis).isEqualTo(700);
    assertThat(run.errors).isZero();
    assertThat(run.startedAt).isEqualTo(NOW - 2_000);
    assertThat(run.endedAt).isEqualTo(NOW);
    assertThat(state.status()).isEqualTo(SplitStatus.SUCCEEDED);
    assertThat(state.toSplit().isCompleted()).isTrue();
    assertThat(metrics.<Long>getGauge("endpoint", "tasks", "lastRunRows")).get()
        .extracting(g -> g.getValue()).isEqualTo(3L);
    assertThat(metrics.<Long>getGauge("endpoint", "tasks", "lastRunDurationMs")).get()
        .extracting(g -> g.getValue()).isEqualTo(2_000L);
    assertThat(metrics.<Integer>getGauge("endpoint", "tasks", "lastRunStatus")).get()
        .extracting(g -> g.getValue()).isEqualTo(0);
  }

  @Test
  void failureEmitsAFailedEndpointRunAfterTheRecordsAlreadyEmitted() {
    emitter.emitRecord(new ApiItem.Record("{}"), output, state);
    emitter.emitRecord(new ApiItem.PageEnd(Optional.of(PageCursor.page(2)), new FetchStats(1, 0, 0, 10, 0),
        NOW - 2_000), output, state);
    emitter.emitRecord(new ApiItem.Failure(ErrorClass.AUTH_FAILED, "401 Unauthorized (token refresh failed)",
        NOW - 500), output, state);

    assertThat(output.getEmittedRecords()).hasSize(2);
    EndpointRun run = output.getEmittedRecords().get(1).run;
    assertThat(run.status).isEqualTo(EndpointRun.FAILED);
    assertThat(run.errorClass).isEqualTo("AUTH_FAILED");
    assertThat(run.errorMessage).isEqualTo("401 Unauthorized (token refresh failed)");
    assertThat(run.errors).isEqualTo(1);
    assertThat(run.rows).isEqualTo(1);
    assertThat(run.pages).isEqualTo(1);
    assertThat(state.status()).isEqualTo(SplitStatus.FAILED);
    assertThat(metrics.getCounter("endpoint", "tasks", "errors")).get().extracting(Counter::getCount)
        .isEqualTo(1L);
    assertThat(metrics.<Integer>getGauge("endpoint", "tasks", "lastRunStatus")).get()
        .extracting(g -> g.getValue()).isEqualTo(1);
  }

  @Test
  void failureOnTheFirstPageStillReportsAStartTime() {
    emitter.emitRecord(new ApiItem.Failure(ErrorClass.CONFIG, "secret ingest/x not found", NOW - 100), output,
        state);

    EndpointRun run = output.getEmittedRecords().get(0).run;
    assertThat(run.startedAt).isEqualTo(NOW - 100);
    assertThat(run.rows).isZero();
    assertThat(run.status).isEqualTo(EndpointRun.FAILED);
  }

  @Test
  void theAttemptsOfAFailedFetchAreCountedInTheRun() {
    // an unreachable port: six attempts, five of them retries, 3.1 s of backoff, no response byte
    emitter.emitRecord(new ApiItem.Failure(ErrorClass.NETWORK, "GET http://127.0.0.1:9/items: ConnectException",
        NOW - 4_000, new FetchStats(6, 5, 0, 0, 3_100)), output, state);

    EndpointRun run = output.getEmittedRecords().get(0).run;
    assertThat(run.requests).isEqualTo(6);
    assertThat(run.retries).isEqualTo(5);
    assertThat(run.waitedMillis).isEqualTo(3_100);
    assertThat(run.pages).isZero();
    assertThat(metrics.getCounter("endpoint", "tasks", "requests")).get().extracting(Counter::getCount)
        .isEqualTo(6L);
  }

  @Test
  void aPageFetchedAgainAfterARestoreIsCountedBesidesTheFetchBeforeTheCheckpoint() {
    emitter.emitRecord(new ApiItem.Fetched(new FetchStats(2, 1, 0, 300, 10), NOW - 3_000), output, state);
    emitter.emitRecord(new ApiItem.Record("{\"id\":1}"), output, state);
    ApiSplit checkpointed = state.toSplit(); // the job crashes after this checkpoint, inside the page

    ApiSplitState restored = new ApiSplitState(checkpointed);
    emitter.emitRecord(new ApiItem.Fetched(new FetchStats(1, 0, 0, 300, 0), NOW - 1_000), output, restored);
    emitter.emitRecord(new ApiItem.Record("{\"id\":2}"), output, restored); // the reader skipped record 1
    emitter.emitRecord(new ApiItem.PageEnd(Optional.empty(), FetchStats.NONE, NOW - 1_000), output, restored);

    assertThat(checkpointed.progress().requests()).as("counted before the page's end").isEqualTo(2);
    EndpointRun run = output.getEmittedRecords().get(output.getEmittedRecords().size() - 1).run;
    assertThat(run.requests).isEqualTo(3);
    assertThat(run.retries).isEqualTo(1);
    assertThat(run.bytes).isEqualTo(600);
    assertThat(run.pages).isEqualTo(1);
    assertThat(run.rows).isEqualTo(2);
    assertThat(run.startedAt).isEqualTo(NOW - 3_000);
  }
}
