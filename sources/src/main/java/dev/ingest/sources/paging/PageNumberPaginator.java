package dev.ingest.sources.paging;

import dev.ingest.sources.fetch.PageCursor;
import dev.ingest.sources.http.ApiRequest;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code ?page=N[&per_page=M]}: starts at the start page and increments until the {@link StopRules} end it (empty
 * or short page, {@code has_more} false, declared total reached). Records received before a page are estimated
 * as pages so far × this page's size, so a server that caps the page size below {@code page_size} still works.
 */
public final class PageNumberPaginator implements RandomAccessPaginator {
  private final String pageParam;
  private final String sizeParam;
  private final int pageSize;
  private final long startPage;
  private final StopRules stop;

  /**
   * @param sizeParam the page-size parameter, or null to send none
   */
  PageNumberPaginator(String pageParam, String sizeParam, int pageSize, long startPage, StopRules stop) {
    this.pageParam = Objects.requireNonNull(pageParam, "pageParam");
    this.sizeParam = sizeParam;
    this.pageSize = pageSize;
    this.startPage = startPage;
    this.stop = Objects.requireNonNull(stop, "stop");
  }

  @Override
  public ApiRequest request(ApiRequest first, PageCursor cursor) {
    return PageRequests.sized(first, sizeParam, pageSize).withParam(pageParam, Long.toString(number(cursor)));
  }

  @Override
  public Optional<PageCursor> next(PageCursor current, ApiRequest sent, PageResponse response) {
    long number = number(current);
    int perPage = response.recordCount() == 0 ? pageSize : response.recordCount();
    if (stop.endsCounting(response, (number - startPage) * perPage)) {
      return Optional.empty();
    }
    return Optional.of(PageCursor.page(number + 1));
  }

  /** Page numbers up to the last page the declared total implies (pages as big as this one). */
  @Override
  public List<PageCursor> upcoming(PageCursor current, ApiRequest sent, PageResponse response, int count) {
    Optional<Long> total = stop.declaredTotal(response);
    int perPage = response.recordCount();
    if (total.isEmpty() || perPage == 0) {
      return List.of();
    }
    long pageCount = (total.get() + perPage - 1) / perPage;
    return PageRequests.positions(number(current) + 1, startPage + pageCount, 1, count, PageCursor::page);
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
    return "PageNumberPaginator{" + pageParam + " from " + startPage + ", " + stop + "}";
  }
}
