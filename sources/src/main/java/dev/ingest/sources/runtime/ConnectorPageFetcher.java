package dev.ingest.sources.runtime;

import dev.ingest.sources.auth.Authenticator;
import dev.ingest.sources.http.ApiRequest;
import dev.ingest.sources.http.EndpointException;
import dev.ingest.sources.http.ErrorClass;
import dev.ingest.sources.http.Page;
import dev.ingest.sources.http.PageFetcher;
import dev.ingest.sources.http.Redactor;
import dev.ingest.sources.paging.PageCursor;
import dev.ingest.sources.paging.PageResponse;
import dev.ingest.sources.paging.Paginator;
import dev.ingest.sources.records.RecordSelector;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Fetches the pages of one endpoint in one run: paginate → authenticate → send with retries → select records →
 * compute the next cursor. Guards against paging loops: a request URL seen before in this fetcher, or more than
 * {@code max_pages} pages, fails the endpoint with {@link ErrorClass#PAGINATION}. Not thread-safe.
 */
final class ConnectorPageFetcher implements PageFetcher {
  private final String endpoint;
  private final ApiRequest first;
  private final Paginator paginator;
  private final Authenticator authenticator;
  private final RecordSelector selector;
  private final RequestExecutor executor;
  private final int maxPages;
  private final Redactor redactor;
  private final Set<String> seenUrls = new HashSet<>();
  private int pages;

  ConnectorPageFetcher(String endpoint, ApiRequest first, Paginator paginator, Authenticator authenticator,
      RecordSelector selector, RequestExecutor executor, int maxPages, Redactor redactor) {
    this.endpoint = endpoint;
    this.first = first;
    this.paginator = paginator;
    this.authenticator = authenticator;
    this.selector = selector;
    this.executor = executor;
    this.maxPages = maxPages;
    this.redactor = redactor;
  }

  @Override
  public Page fetch(PageCursor cursor) throws EndpointException, InterruptedException {
    if (pages >= maxPages) {
      throw new EndpointException(ErrorClass.PAGINATION, "endpoint '" + endpoint + "' has more than max_pages ("
          + maxPages + ") pages; raise paging.max_pages if that is expected");
    }
    ApiRequest request = pageRequest(cursor);
    if (!seenUrls.add(request.url())) {
      throw new EndpointException(ErrorClass.PAGINATION, "pagination loop in endpoint '" + endpoint + "': page "
          + (pages + 1) + " repeats an earlier request (" + describe(request) + ")");
    }
    Exchange exchange = executor.execute(authenticator.apply(request));
    List<String> records = selector.select(exchange.body()).orElseThrow(() -> new EndpointException(
        ErrorClass.MALFORMED_RESPONSE, exchange.response().status(), "records path '" + selector.path()
            + "' not found (or not an array or object) in the response of " + describe(request), null,
        exchange.stats()));
    Optional<PageCursor> next;
    try {
      next = paginator.next(cursor, request,
          new PageResponse(exchange.response().headers(), exchange.body(), records.size()));
    } catch (IllegalArgumentException e) {
      throw new EndpointException(ErrorClass.MALFORMED_RESPONSE, exchange.response().status(),
          "cannot read the next page from the response of " + describe(request) + ": "
              + redactor.mask(e.getMessage()), null, exchange.stats());
    }
    pages++;
    return new Page(records, next, exchange.stats());
  }

  private ApiRequest pageRequest(PageCursor cursor) throws EndpointException {
    try {
      return paginator.request(first, cursor);
    } catch (IllegalArgumentException e) {
      throw new EndpointException(ErrorClass.PAGINATION, "endpoint '" + endpoint + "': "
          + redactor.mask(e.getMessage()));
    }
  }

  private String describe(ApiRequest request) {
    return request.method() + " " + redactor.mask(request.redactedUrl());
  }

  @Override
  public String toString() {
    return "ConnectorPageFetcher{" + endpoint + ", " + paginator + ", " + authenticator + ", pages=" + pages + "}";
  }
}
