package dev.ingest.sources.fetch;

import dev.ingest.sources.records.RecordSlices;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One fetched page of an endpoint: its records as raw JSON (kept raw for the dead-letter path), the cursor of the
 * next page (empty at the end of the result set), what fetching it cost, and the highest incremental cursor value
 * among its records (empty when the endpoint is not incremental or no record had one), and the total of the whole
 * result its response states (empty unless the connector says where, see {@code TotalSpec}).
 *
 * <p>The records are held as they were cut out of the response ({@link RecordSlices}: UTF-8 bytes, no tree and no
 * text); {@link #records()} decodes them to text on first use, for the consumers that want text (schema
 * discovery, parent records, endpoint checks). Immutable; safe to hand from the fetching thread to another.
 */
public final class Page {
  private final RecordSlices slices;
  private final Optional<PageCursor> next;
  private final FetchStats stats;
  private final Optional<String> cursorMax;
  private final Optional<Long> apiTotal;
  private volatile List<String> texts;

  /** A page of records cut out of a response body. */
  public Page(RecordSlices slices, Optional<PageCursor> next, FetchStats stats, Optional<String> cursorMax,
      Optional<Long> apiTotal) {
    this.slices = Objects.requireNonNull(slices, "slices");
    this.next = Objects.requireNonNull(next, "next");
    this.stats = Objects.requireNonNull(stats, "stats");
    this.cursorMax = Objects.requireNonNull(cursorMax, "cursorMax");
    this.apiTotal = Objects.requireNonNull(apiTotal, "apiTotal");
  }

  /** A page of records given as JSON text. */
  public Page(List<String> records, Optional<PageCursor> next, FetchStats stats, Optional<String> cursorMax,
      Optional<Long> apiTotal) {
    this(RecordSlices.ofTexts(records), next, stats, cursorMax, apiTotal);
    this.texts = List.copyOf(records);
  }

  /** A page whose response states no total. */
  public Page(List<String> records, Optional<PageCursor> next, FetchStats stats, Optional<String> cursorMax) {
    this(records, next, stats, cursorMax, Optional.empty());
  }

  /** A page of a non-incremental endpoint. */
  public Page(List<String> records, Optional<PageCursor> next, FetchStats stats) {
    this(records, next, stats, Optional.empty());
  }

  /** The records as JSON text (decoded once, on first use). */
  public List<String> records() {
    List<String> t = texts;
    if (t == null) {
      t = List.copyOf(slices.texts());
      texts = t;
    }
    return t;
  }

  /** The records as UTF-8 bytes, as cut out of the response. */
  public RecordSlices slices() {
    return slices;
  }

  /** How many records the page holds. */
  public int size() {
    return slices.size();
  }

  public Optional<PageCursor> next() {
    return next;
  }

  public FetchStats stats() {
    return stats;
  }

  public Optional<String> cursorMax() {
    return cursorMax;
  }

  public Optional<Long> apiTotal() {
    return apiTotal;
  }

  public boolean isLast() {
    return next.isEmpty();
  }

  @Override
  public String toString() {
    return "Page[records=" + slices.size() + ", next=" + next + ", stats=" + stats + ", cursorMax=" + cursorMax
        + ", apiTotal=" + apiTotal + "]";
  }
}
