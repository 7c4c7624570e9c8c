package dev.ingest.sources.paging;

import dev.ingest.sources.http.ApiRequest;
import dev.ingest.sources.spec.PagingSpec.Stop;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code ?page=N[&per_page=M]}: starts at the start page and increments until the stop rule ends it (a page with
 * no records, or with fewer than the page size).
 */
public final class PageNumberPaginator implements Paginator {
  private final String pageParam;
  private final String sizeParam;
  private final int pageSize;
  private final long startPage;
  private final Stop stop;

  /**
   * @param sizeParam the page-size parameter, or null to send none
   */
  public PageNumberPaginator(String pageParam, String sizeParam, int pageSize, long startPage, Stop stop) {
    this.pageParam = Objects.requireNonNull(pageParam, "pageParam");
    this.sizeParam = sizeParam;
    this.pageSize = pageSize;
    this.startPage = startPage;
    this.stop = Objects.requireNonNull(stop, "stop");
  }

  @Override
  public ApiRequest request(ApiRequest first, PageCursor cursor) {
    ApiRequest sized = sizeParam == null ? first : first.withParam(sizeParam, Integer.toString(pageSize));
    return sized.withParam(pageParam, Long.toString(number(cursor)));
  }

  @Override
  public Optional<PageCursor> next(PageCursor current, ApiRequest sent, PageResponse response) {
    int records = response.recordCount();
    if (records == 0 || stop == Stop.SHORT_PAGE && records < pageSize) {
      return Optional.empty();
    }
    return Optional.of(PageCursor.page(number(current) + 1));
  }

  private long number(PageCursor cursor) {
    if (cursor instanceof PageCursor.First) {
      return startPage;
    }
    if (cursor instanceof PageCursor.PageNumber p) {
      return p.number();
    }
    throw Paginator.unsupported("page_number", cursor);
  }

  @Override
  public String toString() {
    return "PageNumberPaginator{" + pageParam + " from " + startPage + ", " + stop.yamlName() + "}";
  }
}
