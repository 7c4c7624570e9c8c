package dev.ingest.sources.runtime;

import dev.ingest.sources.auth.Authenticator;
import dev.ingest.sources.fetch.EndpointException;
import dev.ingest.sources.fetch.ErrorClass;
import dev.ingest.sources.fetch.FetchStats;
import dev.ingest.sources.fetch.Page;
import dev.ingest.sources.fetch.PageCursor;
import dev.ingest.sources.fetch.PageFetcher;
import dev.ingest.sources.http.ApiRequest;
import dev.ingest.sources.http.Redactor;
import dev.ingest.sources.incremental.HighWaterMark;
import dev.ingest.sources.paging.InconsistentPageException;
import dev.ingest.sources.paging.PageResponse;
import dev.ingest.sources.paging.RandomAccessPaginator;
import dev.ingest.sources.paging.Paginator;
import dev.ingest.sources.records.RecordSelector;
import dev.ingest.sources.records.RecordSlices;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Fetches the pages of one endpoint in one run: paginate → execute (rate limit, authenticate, send, classify,
 * retry) → select records → high-water mark → compute the next cursor. Guards against paging loops: a request
 * (URL and body) seen before in this fetcher, or more than {@code max_pages} pages, fails the endpoint with
 * {@link ErrorClass#PAGINATION}; the one exception is an empty page pointing back at its own request, which is
 * retried up to {@value #EMPTY_PAGE_REPEATS} times. A page that contradicts itself (empty although more records
 * are announced) is refetched up to {@value #INCONSISTENT_PAGE_ATTEMPTS} times, then fails as
 * {@link ErrorClass#MALFORMED_RESPONSE}; it never ends the endpoint early. Not thread-safe.
 */
final class ConnectorPageFetcher implements PageFetcher {
  /** Fetches of one page that contradicts itself (see {@link InconsistentPageException}) before failing. */
  static final int INCONSISTENT_PAGE_ATTEMPTS = 3;
  /** Times an empty page may point back at its own request ("try again") before it counts as a loop. */
  static final int EMPTY_PAGE_REPEATS = 3;

  private final String endpoint;
  private final ApiRequest first;
  private final Paginator paginator;
  private final Authenticator authenticator;
  private final RecordSelector selector;
  private final HighWaterMark highWaterMark;
  private final RequestExecutor executor;
  private final int maxPages;
  private final Redactor redactor;
  private final PageReadAhead readAhead;
  private StatedTotal statedTotal;
  private final Set<String> seenRequests = new HashSet<>();
  private int pages;
  private boolean lastPageEmpty;
  private int emptyRepeats;

  /**
   * @param highWaterMark reads the incremental cursor of records; null when the endpoint is not incremental
   * @param readAhead requests later pages in parallel (random-access paging with {@code parallel > 1}), or null
   */
  ConnectorPageFetcher(String endpoint, ApiRequest first, Paginator paginator, Authenticator authenticator,
      RecordSelector selector, HighWaterMark highWaterMark, RequestExecutor executor, int maxPages,
      Redactor redactor, PageReadAhead readAhead) {
    this.readAhead = readAhead;
    this.endpoint = endpoint;
    this.first = first;
    this.paginator = paginator;
    this.authenticator = authenticator;
    this.selector = selector;
    this.highWaterMark = highWaterMark;
    this.executor = executor;
    this.maxPages = maxPages;
    this.redactor = redactor;
  }

  /** Reads the result's total from each page's response where the endpoint's API states it. */
  ConnectorPageFetcher statingTotal(StatedTotal total) {
    this.statedTotal = total;
    return this;
  }

  @Override
  public Page fetch(PageCursor cursor) throws EndpointException, InterruptedException {
    if (pages >= maxPages) {
      throw new EndpointException(ErrorClass.PAGINATION, "endpoint '" + endpoint + "' has more than max_pages ("
          + maxPages + ") pages; raise paging.max_pages if that is expected");
    }
    ApiRequest request = pageRequest(cursor);
    boolean repeat = !seenRequests.add(PageReadAhead.key(request));
    if (repeat && !(lastPageEmpty && emptyRepeats++ < EMPTY_PAGE_REPEATS)) {
      throw new EndpointException(ErrorClass.PAGINATION, "pagination loop in endpoint '" + endpoint + "': page "
          + (pages + 1) + " repeats an earlier request (" + describe(request) + ")");
    }
    FetchStats spent = FetchStats.NONE;
    for (int attempt = 1; ; attempt++) {
      Optional<Exchange> ahead = attempt == 1 && readAhead != null ? readAhead.take(request) : Optional.empty();
      Exchange exchange = ahead.isPresent() ? ahead.get() : executor.execute(request, authenticator, selector);
      FetchStats stats = spent.plus(exchange.stats());
      // split on the I/O thread from the body's bytes; a body a connector rule accepted unparsed has no split
      RecordSelector.Split split = exchange.split() != null ? exchange.split() : selector.splitTree(exchange.body());
      if (!split.found()) {
        throw new EndpointException(ErrorClass.MALFORMED_RESPONSE, exchange.response().status(),
            split.problem() + " in the response of " + describe(request), null, stats);
      }
      RecordSlices records = split.records();
      try {
        PageResponse response = new PageResponse(exchange.response().headers(), exchange.body(), records.size(),
            records.isEmpty() ? null : records.node(records.size() - 1));
        Optional<PageCursor> next = paginator.next(cursor, request, response);
        if (next.isPresent() && readAhead != null && paginator instanceof RandomAccessPaginator random) {
          readAhead.schedule(random.upcoming(cursor, request, response, Integer.MAX_VALUE).stream()
              .map(c -> paginator.request(first, c)).limit(maxPages).toList());
        }
        Optional<Long> total = statedTotal == null ? Optional.empty()
            : statedTotal.read(exchange.response().headers(), exchange.body());
        return page(records, next, stats, total);
      } catch (InconsistentPageException e) {
        if (attempt >= INCONSISTENT_PAGE_ATTEMPTS) {
          throw malformed(request, exchange, e, stats, " (" + attempt + " attempts)");
        }
        spent = stats;
      } catch (IllegalArgumentException e) {
        throw malformed(request, exchange, e, stats, "");
      } catch (UncheckedIOException e) { // a record slice that does not parse: the split checks for it, never seen
        throw new EndpointException(ErrorClass.MALFORMED_RESPONSE, exchange.response().status(),
            "cannot read a record of the response of " + describe(request) + ": "
                + redactor.mask(String.valueOf(e.getCause().getMessage())), null, stats);
      }
    }
  }

  private Page page(RecordSlices slices, Optional<PageCursor> next, FetchStats stats, Optional<Long> total) {
    Optional<String> cursorMax = highWaterMark == null ? Optional.empty() : highWaterMark.of(slices);
    emptyRepeats = slices.isEmpty() ? emptyRepeats : 0;
    lastPageEmpty = slices.isEmpty();
    pages++;
    return new Page(slices, next, stats, cursorMax, total);
  }

  private EndpointException malformed(ApiRequest request, Exchange exchange, IllegalArgumentException e,
      FetchStats stats, String suffix) {
    return new EndpointException(ErrorClass.MALFORMED_RESPONSE, exchange.response().status(),
        "cannot read the next page from the response of " + describe(request) + ": " + redactor.mask(e.getMessage())
            + suffix, null, stats);
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
  public void close() {
    if (readAhead != null) {
      readAhead.close();
    }
  }

  @Override
  public String toString() {
    return "ConnectorPageFetcher{" + endpoint + ", " + paginator + ", " + authenticator + ", pages=" + pages + "}";
  }
}
