package dev.ingest.sources.paging;

import dev.ingest.sources.fetch.PageCursor;
import dev.ingest.sources.http.ApiRequest;
import java.util.Optional;

/** One request, one page. */
public final class NoPaginator implements Paginator {
  /** The one instance. */
  public static final NoPaginator INSTANCE = new NoPaginator();

  private NoPaginator() {}

  @Override
  public ApiRequest request(ApiRequest first, PageCursor cursor) {
    if (!(cursor instanceof PageCursor.First)) {
      throw Paginator.unsupported("none", cursor);
    }
    return first;
  }

  @Override
  public Optional<PageCursor> next(PageCursor current, ApiRequest sent, PageResponse response) {
    return Optional.empty();
  }

  @Override
  public String toString() {
    return "NoPaginator";
  }
}
