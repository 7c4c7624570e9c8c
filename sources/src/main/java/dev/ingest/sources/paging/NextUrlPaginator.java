package dev.ingest.sources.paging;

import dev.ingest.sources.fetch.PageCursor;
import dev.ingest.sources.http.ApiRequest;
import dev.ingest.sources.records.JsonPath;
import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * Follows a next-page URL read from the body ({@code nextRecordsUrl}, {@code links.next}); relative URLs resolve
 * against the connector's base URL (treated as a directory). Ends when the URL is absent, null or empty, or when
 * {@code has_more} is false.
 */
public final class NextUrlPaginator implements Paginator {
  private final JsonPath nextUrlPath;
  private final URI base;
  private final String sizeParam;
  private final int pageSize;
  private final StopRules stop;

  NextUrlPaginator(JsonPath nextUrlPath, String baseUrl, String sizeParam, int pageSize, StopRules stop) {
    this.stop = Objects.requireNonNull(stop, "stop");
    this.nextUrlPath = Objects.requireNonNull(nextUrlPath, "nextUrlPath");
    this.base = URI.create(baseUrl.endsWith("/") ? baseUrl : baseUrl + "/");
    this.sizeParam = sizeParam;
    this.pageSize = pageSize;
  }

  @Override
  public ApiRequest request(ApiRequest first, PageCursor cursor) {
    return PageRequests.followUrl("next_url", first, cursor, sizeParam, pageSize);
  }

  @Override
  public Optional<PageCursor> next(PageCursor current, ApiRequest sent, PageResponse response) {
    if (stop.saysNoMore(response)) {
      return Optional.empty();
    }
    return nextUrlPath.findText(response.body())
        .map(ref -> base.resolve(ref).toString())
        .map(PageCursor::url);
  }

  @Override
  public String toString() {
    return "NextUrlPaginator{" + nextUrlPath + "}";
  }
}
