package dev.ingest.sources.source.reader;

import dev.ingest.sources.fetch.EndpointException;
import dev.ingest.sources.fetch.Page;
import dev.ingest.sources.fetch.PageCursor;
import dev.ingest.sources.fetch.PageFetcher;
import dev.ingest.sources.fetch.PageFetcherFactory;
import dev.ingest.sources.source.split.ApiSplit;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The split reader's own fetch position in one split, which runs ahead of the emitted (checkpointed) position:
 * the next page to fetch and how many of its leading records to drop (only for the first page after a restore).
 * Owns the split's {@link PageFetcher}, opened lazily on first use so secrets resolve on the task manager.
 *
 * <p>Used by one thread at a time: the page I/O thread while a fetch is in flight, the fetcher thread otherwise.
 */
final class SplitFetch {
  private static final Logger LOG = LoggerFactory.getLogger(SplitFetch.class);

  private final ApiSplit split;
  private PageCursor cursor;
  private long skip;
  private PageFetcher fetcher;

  SplitFetch(ApiSplit split) {
    this.split = split;
    this.cursor = split.cursor();
    this.skip = split.recordsToSkip();
  }

  /** The outcome of fetching one page: the page or the endpoint's failure, and when the attempt began. */
  record Outcome(Page page, EndpointException failure, long startedAt) {}

  /** Fetches the page at the current position. Blocking; runs on the page I/O thread. */
  Outcome fetchPage(PageFetcherFactory factory, Clock clock) throws InterruptedException {
    long startedAt = clock.millis();
    try {
      if (fetcher == null) {
        fetcher = factory.open(split.fetchTarget());
      }
      return new Outcome(fetcher.fetch(cursor), null, startedAt);
    } catch (EndpointException e) {
      return new Outcome(null, e, startedAt);
    }
  }

  /** Leading records of the page just fetched that were emitted before the restore, then resets to 0. */
  long takeSkip() {
    long s = skip;
    skip = 0;
    return s;
  }

  void advanceTo(PageCursor next) {
    cursor = next;
    skip = 0;
  }

  ApiSplit split() {
    return split;
  }

  String splitId() {
    return split.splitId();
  }

  /** Closes the split's fetcher, if it was opened. Never throws. */
  void close() {
    if (fetcher != null) {
      try {
        fetcher.close();
      } catch (RuntimeException e) {
        LOG.warn("closing the page fetcher of {} failed", split.splitId(), e);
      }
      fetcher = null;
    }
  }
}
