package dev.ingest.sources.fetch;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One fetched page of an endpoint: its records as raw JSON text (kept raw for the dead-letter path), the cursor
 * of the next page (empty at the end of the result set), what fetching it cost, and the highest incremental
 * cursor value among its records (empty when the endpoint is not incremental or no record had one), and the total
 * of the whole result its response states (empty unless the connector says where, see {@code TotalSpec}).
 */
public record Page(List<String> records, Optional<PageCursor> next, FetchStats stats, Optional<String> cursorMax,
    Optional<Long> apiTotal) {
  /** A page whose response states no total. */
  public Page(List<String> records, Optional<PageCursor> next, FetchStats stats, Optional<String> cursorMax) {
    this(records, next, stats, cursorMax, Optional.empty());
  }

  public Page {
    Objects.requireNonNull(apiTotal, "apiTotal");
    records = List.copyOf(Objects.requireNonNull(records, "records"));
    Objects.requireNonNull(next, "next");
    Objects.requireNonNull(stats, "stats");
    Objects.requireNonNull(cursorMax, "cursorMax");
  }

  /** A page of a non-incremental endpoint. */
  public Page(List<String> records, Optional<PageCursor> next, FetchStats stats) {
    this(records, next, stats, Optional.empty());
  }

  public boolean isLast() {
    return next.isEmpty();
  }
}
