package dev.ingest.sources.source.reader;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ingest.sources.fetch.PageCursor;
import dev.ingest.sources.source.ApiSource;
import dev.ingest.sources.source.enumerator.SplitFinishedEvent;
import dev.ingest.sources.source.event.ApiEvent;
import dev.ingest.sources.source.event.EndpointRun;
import dev.ingest.sources.source.split.ApiSplit;
import dev.ingest.sources.testing.ScriptedEndpoint;
import dev.ingest.sources.testing.ScriptedPageFetcherFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.connector.testutils.source.reader.TestingReaderContext;
import org.apache.flink.connector.testutils.source.reader.TestingReaderOutput;
import org.apache.flink.core.io.InputStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ApiSourceReaderTest {
  private static final String RUN = "20261124T173000Z-000001";

  private final ScriptedPageFetcherFactory api = ScriptedPageFetcherFactory.create();
  private final ApiSource source = ApiSource.builder().pipeline("p").endpoints(List.of("tasks")).fetchers(api)
      .bounded().build();
  private final List<SourceReader<ApiEvent, ApiSplit>> readers = new ArrayList<>();

  @AfterEach
  void tearDown() throws Exception {
    for (SourceReader<ApiEvent, ApiSplit> reader : readers) {
      reader.close();
    }
    api.discard();
  }

  @Test
  void asksForASplitOnStartAndAfterFinishingOneAndReportsIt() throws Exception {
    api.endpoint("tasks").pages(2).recordsPerPage(3);
    TestingReaderContext context = new TestingReaderContext();
    SourceReader<ApiEvent, ApiSplit> reader = reader(context);

    reader.start();
    assertThat(context.getNumSplitRequests()).isEqualTo(1);

    reader.addSplits(List.of(ApiSplit.start("p", "tasks", RUN, 0, Map.of())));
    TestingReaderOutput<ApiEvent> output = new TestingReaderOutput<>();
    pollUntil(reader, output, o -> context.getSentEvents().size() == 1);

    assertThat(output.getEmittedRecords()).hasSize(7);
    assertThat(context.getSentEvents()).containsExactly(new SplitFinishedEvent(RUN + "/tasks", true, 6));
    assertThat(context.getNumSplitRequests()).isEqualTo(2);
  }

  @Test
  void restoreFromACheckpointBetweenTwoRecordsOfAPageEmitsEveryRecordExactlyOnce() throws Exception {
    ScriptedEndpoint tasks = api.endpoint("tasks").pages(3).recordsPerPage(4);
    SourceReader<ApiEvent, ApiSplit> first = reader(new TestingReaderContext());
    first.start();
    first.addSplits(List.of(ApiSplit.start("p", "tasks", RUN, 0, Map.of())));
    TestingReaderOutput<ApiEvent> beforeCrash = new TestingReaderOutput<>();
    pollUntil(first, beforeCrash, o -> o.getEmittedRecords().size() == 6);

    List<ApiSplit> checkpoint = first.snapshotState(1);
    first.close(); // the task fails: this reader is gone
    readers.remove(first);

    assertThat(checkpoint).singleElement().satisfies(split -> {
      assertThat(split.cursor()).isEqualTo(PageCursor.page(2));
      assertThat(split.recordsToSkip()).isEqualTo(2);
      assertThat(split.progress().rows()).isEqualTo(6);
    });

    TestingReaderContext context = new TestingReaderContext();
    SourceReader<ApiEvent, ApiSplit> restored = reader(context);
    restored.addSplits(checkpoint);
    restored.start();
    TestingReaderOutput<ApiEvent> afterRestore = new TestingReaderOutput<>();
    pollUntil(restored, afterRestore, o -> context.getSentEvents().size() == 1);

    List<String> records = new ArrayList<>();
    beforeCrash.getEmittedRecords().forEach(e -> records.add(e.text()));
    afterRestore.getEmittedRecords().stream().filter(ApiEvent::isRecord).forEach(e -> records.add(e.text()));
    assertThat(records).containsExactlyElementsOf(tasks.expectedRecords());
    EndpointRun run = afterRestore.getEmittedRecords().get(afterRestore.getEmittedRecords().size() - 1).run;
    assertThat(run.rows).isEqualTo(12);
    assertThat(run.pages).isEqualTo(3);
    assertThat(run.status).isEqualTo(EndpointRun.SUCCEEDED);
    assertThat(tasks.fetchCountOfPage(1)).isEqualTo(1);
    assertThat(tasks.fetchCountOfPage(2)).as("refetched from the checkpointed cursor").isEqualTo(2);
  }

  @Test
  void completedSplitStaysInCheckpointsUntilConfirmedAndEmitsNothingWhenRestored() throws Exception {
    api.endpoint("tasks").pages(1).recordsPerPage(2);
    TestingReaderContext context = new TestingReaderContext();
    SourceReader<ApiEvent, ApiSplit> reader = reader(context);
    reader.addSplits(List.of(ApiSplit.start("p", "tasks", RUN, 0, Map.of())));
    reader.start();
    pollUntil(reader, new TestingReaderOutput<>(), o -> context.getSentEvents().size() == 1);

    List<ApiSplit> checkpoint = reader.snapshotState(5);
    assertThat(checkpoint).singleElement().satisfies(s -> assertThat(s.isCompleted()).isTrue());

    TestingReaderContext restoredContext = new TestingReaderContext();
    SourceReader<ApiEvent, ApiSplit> restored = reader(restoredContext);
    restored.addSplits(checkpoint);
    restored.start();
    TestingReaderOutput<ApiEvent> output = new TestingReaderOutput<>();
    pollUntil(restored, output, o -> restoredContext.getSentEvents().size() == 1);
    assertThat(output.getEmittedRecords()).isEmpty();
    assertThat(restoredContext.getSentEvents()).containsExactly(new SplitFinishedEvent(RUN + "/tasks", true, 2));
    assertThat(api.endpoint("tasks").fetchCountOfPage(1)).isEqualTo(1);

    reader.notifyCheckpointComplete(4);
    assertThat(reader.snapshotState(6)).as("checkpoint 4 did not hold it").hasSize(1);
    reader.notifyCheckpointComplete(5);
    assertThat(reader.snapshotState(7)).isEmpty();
  }

  @Test
  void withEndInputAfterCheckpointEndsOnlyOnceACompletedCheckpointHoldsTheFinishedSplits() throws Exception {
    api.endpoint("tasks").pages(1).recordsPerPage(2);
    ApiSource held = ApiSource.builder().pipeline("p").endpoints(List.of("tasks")).fetchers(api)
        .bounded().endInputAfterCheckpoint().build();
    TestingReaderContext context = new TestingReaderContext();
    SourceReader<ApiEvent, ApiSplit> reader = held.createReader(context);
    readers.add(reader);
    reader.start();
    reader.addSplits(List.of(ApiSplit.start("p", "tasks", RUN, 0, Map.of())));
    reader.notifyNoMoreSplits();
    TestingReaderOutput<ApiEvent> output = new TestingReaderOutput<>();
    ApiSourceReader apiReader = (ApiSourceReader) reader;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!apiReader.isAwaitingConfirmingCheckpoint()) {
      assertThat(System.nanoTime()).as("timed out polling the reader").isLessThan(deadline);
      assertThat(reader.pollNext(output)).as("end of input before a checkpoint").isNotEqualTo(InputStatus.END_OF_INPUT);
      if (!apiReader.isAwaitingConfirmingCheckpoint()) {
        reader.isAvailable().get(10, TimeUnit.SECONDS);
      }
    }
    assertThat(context.getSentEvents()).hasSize(1);
    assertThat(reader.pollNext(output)).isEqualTo(InputStatus.NOTHING_AVAILABLE);
    assertThat(reader.isAvailable()).isNotDone();

    reader.snapshotState(3);
    reader.notifyCheckpointComplete(2);
    assertThat(reader.isAvailable()).as("checkpoint 2 did not hold the split").isNotDone();
    reader.notifyCheckpointComplete(3);
    assertThat(reader.isAvailable()).isDone();
    assertThat(reader.pollNext(output)).isEqualTo(InputStatus.END_OF_INPUT);
    assertThat(output.getEmittedRecords()).hasSize(3);
  }

  @Test
  void withoutTheOptionEndsAsSoonAsTheLastSplitFinished() throws Exception {
    api.endpoint("tasks").pages(1).recordsPerPage(2);
    TestingReaderContext context = new TestingReaderContext();
    SourceReader<ApiEvent, ApiSplit> reader = reader(context);
    reader.start();
    reader.addSplits(List.of(ApiSplit.start("p", "tasks", RUN, 0, Map.of())));
    reader.notifyNoMoreSplits();
    TestingReaderOutput<ApiEvent> output = new TestingReaderOutput<>();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    InputStatus status;
    do {
      assertThat(System.nanoTime()).as("timed out polling the reader").isLessThan(deadline);
      status = reader.pollNext(output);
      if (status == InputStatus.NOTHING_AVAILABLE) {
        reader.isAvailable().get(10, TimeUnit.SECONDS);
      }
    } while (status != InputStatus.END_OF_INPUT);
    assertThat(output.getEmittedRecords()).hasSize(3);
  }

  private SourceReader<ApiEvent, ApiSplit> reader(TestingReaderContext context) {
    SourceReader<ApiEvent, ApiSplit> reader = source.createReader(context);
    readers.add(reader);
    return reader;
  }

  private static void pollUntil(SourceReader<ApiEvent, ApiSplit> reader, TestingReaderOutput<ApiEvent> output,
      Predicate<TestingReaderOutput<ApiEvent>> done) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!done.test(output)) {
      assertThat(System.nanoTime()).as("timed out polling the reader").isLessThan(deadline);
      InputStatus status = reader.pollNext(output);
      if (status == InputStatus.NOTHING_AVAILABLE) {
        reader.isAvailable().get(10, TimeUnit.SECONDS);
      }
    }
  }
}
