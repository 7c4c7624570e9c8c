package dev.ingest.sources.paging;

import dev.ingest.sources.fetch.PageCursor;
import dev.ingest.sources.http.ApiRequest;
import java.net.URI;
import java.util.Optional;

/**
 * Follows the {@code Link: <…>; rel="next"} response header (GitHub, Shopify, Greenhouse). The first request
 * carries the endpoint's params and the page size; later requests go to the next URL exactly as served (some
 * APIs require the cursor to be its only parameter). Relative targets resolve against the request URL. Ends when
 * no {@code next} link is present.
 */
public final class LinkHeaderPaginator implements Paginator {
  private final String sizeParam;
  private final int pageSize;

  public LinkHeaderPaginator(String sizeParam, int pageSize) {
    this.sizeParam = sizeParam;
    this.pageSize = pageSize;
  }

  @Override
  public ApiRequest request(ApiRequest first, PageCursor cursor) {
    return PageRequests.followUrl("link_header", first, cursor, sizeParam, pageSize);
  }

  @Override
  public Optional<PageCursor> next(PageCursor current, ApiRequest sent, PageResponse response) {
    return LinkHeader.find(response.headers().all("Link"), "next")
        .filter(target -> !target.isEmpty())
        .map(target -> URI.create(sent.url()).resolve(target).toString())
        .map(PageCursor::url);
  }

  @Override
  public String toString() {
    return "LinkHeaderPaginator{}";
  }
}
