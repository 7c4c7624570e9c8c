package dev.ingest.sources.http;

import dev.ingest.sources.paging.PageCursor;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One fetched page of an endpoint: its records as raw JSON text (kept raw for the dead-letter path), the cursor
 * of the next page (empty at the end of the result set) and what fetching it cost.
 */
public record Page(List<String> records, Optional<PageCursor> next, FetchStats stats) {
  public Page {
    records = List.copyOf(Objects.requireNonNull(records, "records"));
    Objects.requireNonNull(next, "next");
    Objects.requireNonNull(stats, "stats");
  }

  public boolean isLast() {
    return next.isEmpty();
  }
}
