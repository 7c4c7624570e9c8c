package dev.ingest.sources.source.reader;

import dev.ingest.sources.fetch.EndpointException;
import dev.ingest.sources.fetch.FetchStats;
import dev.ingest.sources.fetch.Page;
import dev.ingest.sources.records.RecordSlices;
import dev.ingest.sources.fetch.PageFetcherFactory;
import dev.ingest.sources.fetch.ParentRecordVars;
import dev.ingest.sources.source.split.ApiSplit;
import dev.ingest.sources.source.split.SplitRole;
import dev.ingest.sources.source.split.CursorText;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.flink.connector.base.source.reader.RecordsBySplits;
import org.apache.flink.connector.base.source.reader.RecordsWithSplitIds;
import org.apache.flink.connector.base.source.reader.splitreader.SplitReader;
import org.apache.flink.connector.base.source.reader.splitreader.SplitsAddition;
import org.apache.flink.connector.base.source.reader.splitreader.SplitsChange;
import org.apache.flink.connector.base.source.reader.splitreader.SplitsRemoval;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches pages for the reader's splits on Flink's fetcher thread, one page per {@link #fetch()}, round-robin over
 * the splits it holds. Each page becomes its records, then a {@link ApiItem.PageEnd}; an {@code EndpointException}
 * becomes an {@link ApiItem.Failure}. Either way the split is reported finished after its last item.
 *
 * <p>Positions: this reader keeps its own position per split ({@link SplitFetch}) and runs ahead of the emitter.
 * A split added from a checkpoint starts at the checkpointed cursor and drops the page's first
 * {@code recordsToSkip} records, which were emitted before the checkpoint. A completed split is reported finished at
 * once, with no items.
 *
 * <p>Wake-ups: the blocking page fetch (HTTP, rate-limit waits, backoff) runs on a dedicated page I/O thread, and
 * {@link #fetch()} waits for it or for {@link #wakeUp()}, whichever comes first. Before returning a page's batch,
 * {@code fetch()} already starts the next one, so the I/O thread fetches page n + 1 while the fetcher thread hands
 * page n to the task (blocking while Flink's element queue is full) and the task emits it: one page in flight beyond
 * the queue, whatever split it belongs to. A woken fetch returns an empty
 * batch; the page stays in flight and the next {@code fetch()} resumes waiting for it, so split changes and
 * shutdown are never held up by a slow API. {@link #close()} interrupts the I/O thread.
 *
 * <p>Fan-out: a {@code PARENTS} split fetches one parent page and ends with its records as {@code parent.*} vars
 * ({@link ApiItem.Parents}); a {@code SUMMARY} split fetches nothing and ends with one {@link ApiItem.Summary}.
 *
 * <p>Pausing splits (watermark alignment) is not supported: this source emits no watermarks.
 */
public final class ApiSplitReader implements SplitReader<ApiItem, ApiSplit> {
  private static final Logger LOG = LoggerFactory.getLogger(ApiSplitReader.class);
  private static final Duration CLOSE_WAIT = Duration.ofSeconds(10);

  private final PageFetcherFactory factory;
  private final Clock clock;
  private final ExecutorService io;
  private final Deque<SplitFetch> queue = new ArrayDeque<>();
  private final Set<String> finishedWithoutItems = new LinkedHashSet<>();
  private final Deque<String> summaries = new ArrayDeque<>();
  private final Set<String> removedWhileInFlight = new HashSet<>();
  private final AtomicReference<CompletableFuture<Void>> wakeUpSignal =
      new AtomicReference<>(new CompletableFuture<>());
  private SplitFetch inFlightSplit;
  private CompletableFuture<SplitFetch.Outcome> inFlight;

  /**
   * @param factory opens one page fetcher per split
   * @param clock stamps fetch start times
   * @param ioThreadName name of the page I/O thread (shows in thread dumps)
   */
  public ApiSplitReader(PageFetcherFactory factory, Clock clock, String ioThreadName) {
    this.factory = Objects.requireNonNull(factory, "factory");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.io = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, ioThreadName);
      t.setDaemon(true);
      return t;
    });
  }

  @Override
  public RecordsWithSplitIds<ApiItem> fetch() throws IOException {
    if (!finishedWithoutItems.isEmpty()) {
      Set<String> finished = new LinkedHashSet<>(finishedWithoutItems);
      finishedWithoutItems.clear();
      return new RecordsBySplits<>(Map.of(), finished);
    }
    if (!summaries.isEmpty()) {
      String summary = summaries.poll();
      return new RecordsBySplits<>(Map.of(summary, List.of(new ApiItem.Summary())), Set.of(summary));
    }
    if (inFlight == null && !startNextPage()) {
      return empty();
    }
    if (!awaitPageOrWakeUp()) {
      return empty();
    }
    SplitFetch fetch = inFlightSplit;
    CompletableFuture<SplitFetch.Outcome> done = inFlight;
    inFlightSplit = null;
    inFlight = null;
    SplitFetch.Outcome outcome;
    try {
      outcome = done.join();
    } catch (CompletionException e) {
      fetch.close();
      throw unwrap(fetch, e.getCause());
    }
    if (removedWhileInFlight.remove(fetch.splitId())) {
      fetch.close();
      return new RecordsBySplits<>(Map.of(), Set.of(fetch.splitId()));
    }
    RecordsWithSplitIds<ApiItem> batch = toBatch(fetch, outcome);
    if (inFlight == null) {
      startNextPage(); // read ahead: the next page is fetched while this one is handed over and emitted
    }
    return batch;
  }

  private boolean startNextPage() {
    SplitFetch next = queue.pollFirst();
    if (next == null) {
      return false;
    }
    inFlightSplit = next;
    inFlight = CompletableFuture.supplyAsync(() -> {
      try {
        return next.fetchPage(factory, clock);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new CompletionException(e);
      }
    }, io);
    return true;
  }

  /** Waits for the in-flight page or a wake-up; true if the page is done. */
  private boolean awaitPageOrWakeUp() throws IOException {
    CompletableFuture<Void> signal = wakeUpSignal.get();
    try {
      CompletableFuture.anyOf(inFlight, signal).get();
    } catch (ExecutionException e) {
      // the page failed: handled by the caller through join()
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while waiting for a page", e);
    }
    if (signal.isDone()) {
      wakeUpSignal.compareAndSet(signal, new CompletableFuture<>());
    }
    return inFlight.isDone();
  }

  private RecordsWithSplitIds<ApiItem> toBatch(SplitFetch fetch, SplitFetch.Outcome outcome) {
    List<ApiItem> items = new ArrayList<>();
    boolean finished;
    if (outcome.failure() != null) {
      String message = outcome.failure().getMessage();
      items.add(new ApiItem.Failure(outcome.failure().errorClass(), message == null ? "" : message,
          outcome.startedAt(), outcome.failure().stats()));
      finished = true;
    } else if (fetch.split().role().kind() == SplitRole.Kind.PARENTS) {
      items.add(parentsItem(fetch, outcome));
      finished = true;
    } else {
      Page page = outcome.page();
      RecordSlices records = page.slices();
      long skip = fetch.takeSkip();
      if (skip > records.size()) {
        LOG.warn("{}: page {} has {} records but {} were emitted before the restore; the API's paging is not "
            + "stable", fetch.splitId(), CursorText.describe(fetch.split().cursor()), records.size(), skip);
      }
      items.add(new ApiItem.Fetched(page.stats(), outcome.startedAt(), page.apiTotal()));
      for (int i = (int) Math.min(skip, records.size()); i < records.size(); i++) {
        items.add(new ApiItem.Record(records.bytes(i))); // bytes as cut out of the page: no text, no tree
      }
      items.add(new ApiItem.PageEnd(page.next(), FetchStats.NONE, outcome.startedAt(), page.cursorMax()));
      finished = page.isLast();
      if (!finished) {
        fetch.advanceTo(page.next().orElseThrow());
        queue.addLast(fetch);
      }
    }
    if (finished) {
      fetch.close();
    }
    return new RecordsBySplits<>(Map.of(fetch.splitId(), items), finished ? Set.of(fetch.splitId()) : Set.of());
  }

  /** The parent records of a {@code PARENTS} split's one page as {@code parent.*} vars, or the failure. */
  private static ApiItem parentsItem(SplitFetch fetch, SplitFetch.Outcome outcome) {
    Page page = outcome.page();
    List<Map<String, String>> parents = new ArrayList<>(page.records().size());
    try {
      for (String record : page.records()) {
        parents.add(ParentRecordVars.ofJson(fetch.split().endpoint(), record));
      }
    } catch (EndpointException e) {
      return new ApiItem.Failure(e.errorClass(), e.getMessage(), outcome.startedAt(), page.stats());
    }
    return new ApiItem.Parents(parents, page.next(), page.stats(), outcome.startedAt());
  }

  @Override
  public void handleSplitsChanges(SplitsChange<ApiSplit> splitsChange) {
    if (splitsChange instanceof SplitsAddition<ApiSplit> addition) {
      for (ApiSplit split : addition.splits()) {
        if (split.isCompleted()) {
          finishedWithoutItems.add(split.splitId());
        } else if (split.role().kind() == SplitRole.Kind.SUMMARY) {
          summaries.addLast(split.splitId());
        } else {
          queue.addLast(new SplitFetch(split));
        }
      }
    } else if (splitsChange instanceof SplitsRemoval<ApiSplit> removal) {
      for (ApiSplit split : removal.splits()) {
        remove(split.splitId());
      }
    } else {
      throw new UnsupportedOperationException("unsupported split change " + splitsChange.getClass().getName());
    }
  }

  private void remove(String splitId) {
    if (inFlightSplit != null && inFlightSplit.splitId().equals(splitId)) {
      removedWhileInFlight.add(splitId);
      return;
    }
    if (summaries.remove(splitId)) {
      finishedWithoutItems.add(splitId);
      return;
    }
    queue.removeIf(f -> {
      if (f.splitId().equals(splitId)) {
        f.close();
        return true;
      }
      return false;
    });
    finishedWithoutItems.add(splitId);
  }

  @Override
  public void wakeUp() {
    wakeUpSignal.get().complete(null);
  }

  @Override
  public void close() throws Exception {
    io.shutdownNow();
    boolean stopped = io.awaitTermination(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
    if (inFlightSplit != null) {
      if (stopped) {
        inFlightSplit.close();
      } else {
        LOG.warn("page I/O thread did not stop within {}; not closing the fetcher of {}", CLOSE_WAIT,
            inFlightSplit.splitId());
      }
    }
    queue.forEach(SplitFetch::close);
    queue.clear();
  }

  private static RecordsWithSplitIds<ApiItem> empty() {
    return new RecordsBySplits<>(Map.of(), Set.of());
  }

  private static RuntimeException unwrap(SplitFetch fetch, Throwable cause) throws IOException {
    if (cause instanceof RuntimeException re) {
      throw re;
    }
    if (cause instanceof Error error) {
      throw error;
    }
    if (cause instanceof InterruptedException) {
      throw new IOException("fetching a page of " + fetch.splitId() + " was interrupted", cause);
    }
    throw new IOException("fetching a page of " + fetch.splitId() + " failed", cause);
  }
}
