package dev.ingest.sources.runtime;

import dev.ingest.sources.fetch.FetchStats;
import dev.ingest.sources.fetch.FetchTarget;
import dev.ingest.sources.fetch.Page;
import dev.ingest.sources.fetch.PageCursor;
import dev.ingest.sources.fetch.PageFetcher;
import dev.ingest.sources.fetch.PageFetcherFactory;
import dev.ingest.sources.retry.RetryPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Every page of one endpoint, fetched with one fetcher as a split would: the records in order and the summed
 * stats. Also the millisecond retry policy the fault tests share.
 */
record AllPages(List<String> records, FetchStats stats) {
  /** Millisecond backoff and 8 attempts, so fault tests run in seconds. */
  static final RetryPolicy FAST = RetryPolicy.defaults().withBaseDelay(Duration.ofMillis(2))
      .withMaxDelay(Duration.ofMillis(20)).withMaxAttempts(8);

  static AllPages fetch(PageFetcherFactory factory, String endpoint) throws Exception {
    List<String> records = new ArrayList<>();
    FetchStats stats = FetchStats.NONE;
    try (PageFetcher fetcher = factory.open(FetchTarget.of(endpoint, "run-1"))) {
      PageCursor cursor = PageCursor.first();
      while (true) {
        Page page = fetcher.fetch(cursor);
        records.addAll(page.records());
        stats = stats.plus(page.stats());
        if (page.isLast()) {
          return new AllPages(records, stats);
        }
        cursor = page.next().orElseThrow();
      }
    }
  }
}
