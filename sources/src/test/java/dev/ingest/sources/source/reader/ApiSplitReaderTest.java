package dev.ingest.sources.source.reader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.ingest.sources.fetch.ErrorClass;
import dev.ingest.sources.fetch.PageCursor;
import dev.ingest.sources.source.split.ApiSplit;
import dev.ingest.sources.source.split.SplitProgress;
import dev.ingest.sources.source.split.SplitStatus;
import dev.ingest.sources.testing.ScriptedEndpoint;
import dev.ingest.sources.testing.ScriptedPageFetcherFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.flink.connector.base.source.reader.RecordsWithSplitIds;
import org.apache.flink.connector.base.source.reader.splitreader.SplitsAddition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ApiSplitReaderTest {
  private static final String RUN = "20261124T173000Z-000001";

  private final ScriptedPageFetcherFactory api = ScriptedPageFetcherFactory.create();
  private final ApiSplitReader reader = new ApiSplitReader(api, Clock.systemUTC(), "test-page-io");

  @AfterEach
  void tearDown() throws Exception {
    reader.close();
    api.discard();
  }

  @Test
  void readsEveryPageAsRecordsThenAPageEnd() throws Exception {
    ScriptedEndpoint tasks = api.endpoint("tasks").pages(3).recordsPerPage(2);
    add(ApiSplit.start("p", "tasks", RUN, 0, Map.of()));

    List<Batch> batches = readUntilFinished();

    assertThat(batches).hasSize(3);
    assertThat(records(batches)).containsExactlyElementsOf(tasks.expectedRecords());
    assertThat(batches.get(0).items().get(0)).as("the page's cost comes before its records")
        .isInstanceOfSatisfying(ApiItem.Fetched.class, f -> assertThat(f.stats().requests()).isEqualTo(1));
    assertThat(batches.get(0).items().get(3)).isEqualTo(pageEnd(batches.get(0)));
    assertThat(pageEnd(batches.get(0)).next()).contains(PageCursor.page(2));
    assertThat(pageEnd(batches.get(2)).isLast()).isTrue();
    assertThat(batches.get(1).finished()).isEmpty();
    assertThat(batches.get(2).finished()).containsExactly(RUN + "/tasks");
    assertThat(tasks.fetchLog()).containsExactly(PageCursor.first(), PageCursor.page(2), PageCursor.page(3));
    assertThat(tasks.opens()).isEqualTo(1);
    assertThat(tasks.closes()).as("fetcher closed at split end").isEqualTo(1);
  }

  @Test
  void restoredSplitRefetchesItsPageAndSkipsTheRecordsAlreadyEmitted() throws Exception {
    ScriptedEndpoint tasks = api.endpoint("tasks").pages(3).recordsPerPage(4)
        .cursorStyle(ScriptedEndpoint.CursorStyle.TOKEN);
    add(new ApiSplit("p", "tasks", RUN, 0, tasks.cursorOf(2), 3, new SplitProgress(1, 1, 1, 7, 100, 0, 0, 0),
        SplitStatus.ACTIVE, Map.of()));

    List<Batch> batches = readUntilFinished();

    assertThat(records(batches)).containsExactly(
        ScriptedEndpoint.recordJson("tasks", 2, 3),
        ScriptedEndpoint.recordJson("tasks", 3, 0), ScriptedEndpoint.recordJson("tasks", 3, 1),
        ScriptedEndpoint.recordJson("tasks", 3, 2), ScriptedEndpoint.recordJson("tasks", 3, 3));
    assertThat(tasks.fetchCountOfPage(1)).isZero();
    assertThat(tasks.fetchCountOfPage(2)).isEqualTo(1);
  }

  @Test
  void completedSplitFinishesAtOnceWithoutFetching() throws Exception {
    ScriptedEndpoint tasks = api.endpoint("tasks").pages(2);
    add(new ApiSplit("p", "tasks", RUN, 0, tasks.cursorOf(2), 1, SplitProgress.NONE, SplitStatus.SUCCEEDED,
        Map.of()));

    Batch batch = Batch.of(reader.fetch());

    assertThat(batch.items()).isEmpty();
    assertThat(batch.finished()).containsExactly(RUN + "/tasks");
    assertThat(tasks.opens()).isZero();
  }

  @Test
  void endpointExceptionBecomesAFailureAfterTheEarlierPages() throws Exception {
    ScriptedEndpoint users = api.endpoint("users").pages(3).recordsPerPage(2)
        .failAt(2, ErrorClass.RATE_LIMITED, "429 after 5 retries");
    add(ApiSplit.start("p", "users", RUN, 0, Map.of()));

    List<Batch> batches = readUntilFinished();

    assertThat(records(batches)).hasSize(2);
    ApiItem last = batches.get(1).items().get(0);
    assertThat(last).isInstanceOfSatisfying(ApiItem.Failure.class, f -> {
      assertThat(f.errorClass()).isEqualTo(ErrorClass.RATE_LIMITED);
      assertThat(f.message()).isEqualTo("429 after 5 retries");
    });
    assertThat(batches.get(1).finished()).containsExactly(RUN + "/users");
    assertThat(users.closes()).isEqualTo(1);
  }

  @Test
  void failureToOpenTheFetcherFailsOnlyTheEndpoint() throws Exception {
    api.endpoint("users").failOnOpen(ErrorClass.CONFIG, "secret ingest/asana-prod not found");
    add(ApiSplit.start("p", "users", RUN, 0, Map.of()));

    Batch batch = Batch.of(reader.fetch());

    assertThat(batch.items()).singleElement().isInstanceOfSatisfying(ApiItem.Failure.class,
        f -> assertThat(f.errorClass()).isEqualTo(ErrorClass.CONFIG));
    assertThat(batch.finished()).containsExactly(RUN + "/users");
  }

  @Test
  void otherExceptionsPropagateToFailTheTask() throws Exception {
    api.endpoint("tasks").pages(3).crashOnceAt(2);
    add(ApiSplit.start("p", "tasks", RUN, 0, Map.of()));

    reader.fetch();

    assertThatThrownBy(reader::fetch).isInstanceOf(IllegalStateException.class)
        .hasMessage("scripted crash at page 2 of tasks");
  }

  @Test
  void interleavesPagesOfSeveralSplits() throws Exception {
    api.endpoint("a").pages(2);
    api.endpoint("b").pages(2);
    add(ApiSplit.start("p", "a", RUN, 0, Map.of()), ApiSplit.start("p", "b", RUN, 0, Map.of()));

    List<Batch> batches = readUntilFinished(2);

    assertThat(batches).extracting(Batch::splitId).containsExactly(RUN + "/a", RUN + "/b", RUN + "/a",
        RUN + "/b");
  }

  @Test
  void wakeUpReturnsWhileAPageIsInFlightAndTheNextFetchResumesIt() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    ScriptedEndpoint tasks = api.endpoint("tasks").pages(1).recordsPerPage(2).holdAt(1, release);
    add(ApiSplit.start("p", "tasks", RUN, 0, Map.of()));

    CompletableFuture<Batch> woken = CompletableFuture.supplyAsync(this::fetchUnchecked);
    await().atMost(Duration.ofSeconds(5)).until(() -> tasks.fetchCountOfPage(1) == 1);
    reader.wakeUp();

    Batch empty = woken.get(5, TimeUnit.SECONDS);
    assertThat(empty.items()).isEmpty();
    assertThat(empty.finished()).isEmpty();

    release.countDown();
    Batch page = Batch.of(reader.fetch());
    assertThat(page.items()).hasSize(4); // fetched, two records, page end
    assertThat(page.finished()).containsExactly(RUN + "/tasks");
    assertThat(tasks.fetchCountOfPage(1)).as("the page was fetched once, not again after the wake-up").isEqualTo(1);
  }

  @Test
  void theNextPageIsFetchedWhileTheCurrentOneIsHandedOver() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    ScriptedEndpoint tasks = api.endpoint("tasks").pages(3).recordsPerPage(2).holdAt(3, release);
    add(ApiSplit.start("p", "tasks", RUN, 0, Map.of()));

    Batch first = Batch.of(reader.fetch());
    assertThat(first.items()).hasSize(4);
    await().atMost(Duration.ofSeconds(5)).until(() -> tasks.fetchCountOfPage(2) == 1);
    assertThat(tasks.fetchCountOfPage(3)).as("one page ahead, no more").isZero();

    Batch second = Batch.of(reader.fetch());
    assertThat(pageEnd(second).next()).contains(PageCursor.page(3));
    await().atMost(Duration.ofSeconds(5)).until(() -> tasks.fetchCountOfPage(3) == 1);
    release.countDown();
    Batch third = Batch.of(reader.fetch());

    assertThat(third.finished()).containsExactly(RUN + "/tasks");
    assertThat(tasks.fetchLog()).containsExactly(PageCursor.first(), PageCursor.page(2), PageCursor.page(3));
  }

  @Test
  void closeInterruptsAPageInFlightAndClosesItsFetcher() throws Exception {
    ScriptedEndpoint tasks = api.endpoint("tasks").holdAt(1, new CountDownLatch(1));
    add(ApiSplit.start("p", "tasks", RUN, 0, Map.of()));
    CompletableFuture<Batch> woken = CompletableFuture.supplyAsync(this::fetchUnchecked);
    await().atMost(Duration.ofSeconds(5)).until(() -> tasks.fetchCountOfPage(1) == 1);
    reader.wakeUp();
    woken.get(5, TimeUnit.SECONDS);

    reader.close();

    assertThat(tasks.closes()).isEqualTo(1);
  }

  private void add(ApiSplit... splits) {
    reader.handleSplitsChanges(new SplitsAddition<>(List.of(splits)));
  }

  private Batch fetchUnchecked() {
    try {
      return Batch.of(reader.fetch());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private List<Batch> readUntilFinished() throws Exception {
    return readUntilFinished(1);
  }

  private List<Batch> readUntilFinished(int splits) throws Exception {
    List<Batch> batches = new ArrayList<>();
    int finished = 0;
    while (finished < splits) {
      Batch batch = Batch.of(reader.fetch());
      batches.add(batch);
      finished += batch.finished().size();
      assertThat(batches).as("runaway reader").hasSizeLessThan(100);
    }
    return batches;
  }

  private static List<String> records(List<Batch> batches) {
    return batches.stream().flatMap(b -> b.items().stream())
        .filter(ApiItem.Record.class::isInstance).map(i -> ((ApiItem.Record) i).text()).toList();
  }

  private static ApiItem.PageEnd pageEnd(Batch batch) {
    return (ApiItem.PageEnd) batch.items().get(batch.items().size() - 1);
  }

  /** One fetch's items (of at most one split) and finished split ids. */
  record Batch(String splitId, List<ApiItem> items, Set<String> finished) {
    static Batch of(RecordsWithSplitIds<ApiItem> records) {
      List<ApiItem> items = new ArrayList<>();
      String splitId = null;
      String id;
      while ((id = records.nextSplit()) != null) {
        splitId = id;
        ApiItem item;
        while ((item = records.nextRecordFromSplit()) != null) {
          items.add(item);
        }
      }
      return new Batch(Optional.ofNullable(splitId).orElse(""), items, records.finishedSplits());
    }
  }
}
