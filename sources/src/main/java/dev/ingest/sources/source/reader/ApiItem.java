package dev.ingest.sources.source.reader;

import dev.ingest.sources.fetch.ErrorClass;
import dev.ingest.sources.fetch.FetchStats;
import dev.ingest.sources.fetch.PageCursor;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What flows from the {@link ApiSplitReader} (fetcher thread) to the {@link ApiRecordEmitter} (task thread) for one
 * split: the records of a page, then the page's end, or a failure of the endpoint.
 */
public sealed interface ApiItem
    permits ApiItem.Fetched, ApiItem.Record, ApiItem.PageEnd, ApiItem.Failure, ApiItem.Parents, ApiItem.Summary {

  /**
   * A page was fetched at the cost of {@code stats}: comes before the page's records, so a checkpoint taken while
   * they are emitted already counts the requests, and the page fetched again after a restore is counted as well.
   *
   * @param fetchStartedAt epoch millis the page's fetch began
   * @param apiTotal the total of the whole result the page's response states, if any
   */
  record Fetched(FetchStats stats, long fetchStartedAt, Optional<Long> apiTotal) implements ApiItem {
    public Fetched {
      Objects.requireNonNull(stats, "stats");
      Objects.requireNonNull(apiTotal, "apiTotal");
    }

    /** A page whose response states no total. */
    public Fetched(FetchStats stats, long fetchStartedAt) {
      this(stats, fetchStartedAt, Optional.empty());
    }
  }

  /** One record of the current page, as the UTF-8 bytes of its raw JSON (as cut out of the response). */
  record Record(byte[] json) implements ApiItem {
    public Record {
      Objects.requireNonNull(json, "json");
    }

    /** A record given as JSON text. */
    public Record(String json) {
      this(json.getBytes(StandardCharsets.UTF_8));
    }

    /** The record's JSON text. */
    public String text() {
      return new String(json, StandardCharsets.UTF_8);
    }
  }

  /**
   * All records of the current page were handed over.
   *
   * @param next the next page's cursor, empty if this was the last page
   * @param stats what fetching the page cost, unless a {@link Fetched} item before the records carried it (then
   *     {@link FetchStats#NONE})
   * @param fetchStartedAt epoch millis the page's fetch began
   * @param cursorMax the highest incremental cursor value among the page's records, if any
   */
  record PageEnd(Optional<PageCursor> next, FetchStats stats, long fetchStartedAt, Optional<String> cursorMax)
      implements ApiItem {
    public PageEnd {
      Objects.requireNonNull(next, "next");
      Objects.requireNonNull(stats, "stats");
      Objects.requireNonNull(cursorMax, "cursorMax");
    }

    /** The end of a page of a non-incremental endpoint. */
    public PageEnd(Optional<PageCursor> next, FetchStats stats, long fetchStartedAt) {
      this(next, stats, fetchStartedAt, Optional.empty());
    }

    public boolean isLast() {
      return next.isEmpty();
    }
  }

  /**
   * The endpoint cannot go on ({@code EndpointException}); the split ends with a FAILED run.
   *
   * @param errorClass why
   * @param message the already redacted message
   * @param at epoch millis of the failed attempt's start
   * @param stats what the failed fetch cost (its attempts are requests too)
   */
  record Failure(ErrorClass errorClass, String message, long at, FetchStats stats) implements ApiItem {
    public Failure {
      Objects.requireNonNull(errorClass, "errorClass");
      Objects.requireNonNull(stats, "stats");
    }

    /** A failure before any request was sent. */
    public Failure(ErrorClass errorClass, String message, long at) {
      this(errorClass, message, at, FetchStats.NONE);
    }
  }

  /**
   * The one page of a {@code PARENTS} split was read: the {@code parent.*} vars of its records and the next parent
   * page. Ends the split.
   *
   * @param parents the vars of each parent record, in page order
   * @param next the next parent page's cursor, empty after the last
   * @param stats what fetching the page cost
   * @param fetchStartedAt epoch millis the page's fetch began
   */
  record Parents(List<Map<String, String>> parents, Optional<PageCursor> next, FetchStats stats, long fetchStartedAt)
      implements ApiItem {
    public Parents {
      parents = List.copyOf(parents);
      Objects.requireNonNull(next, "next");
      Objects.requireNonNull(stats, "stats");
    }
  }

  /** A {@code SUMMARY} split is due: emit its endpoint's run summary. Ends the split. */
  record Summary() implements ApiItem {}
}
