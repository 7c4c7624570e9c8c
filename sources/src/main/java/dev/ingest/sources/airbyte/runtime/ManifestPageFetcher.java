package dev.ingest.sources.airbyte.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ingest.sources.auth.Authenticator;
import dev.ingest.sources.fetch.EndpointException;
import dev.ingest.sources.fetch.ErrorClass;
import dev.ingest.sources.fetch.FetchStats;
import dev.ingest.sources.fetch.Page;
import dev.ingest.sources.fetch.PageCursor;
import dev.ingest.sources.fetch.PageFetcher;
import dev.ingest.sources.http.ApiRequest;
import dev.ingest.sources.http.Headers;
import dev.ingest.sources.http.Redactor;
import dev.ingest.sources.records.JsonBodies;
import dev.ingest.sources.records.RecordSelector;
import dev.ingest.sources.records.RecordSlices;
import dev.ingest.sources.runtime.Exchange;
import dev.ingest.sources.runtime.PageReadAhead;
import dev.ingest.sources.runtime.RequestExecutor;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Fetches the pages of one stream (or one partition of it): token from the cursor → request from the requester,
 * paginator and partition → the runtime's {@link RequestExecutor} (rate limit, authenticate, send, classify,
 * retry) → extract, filter, transform (and, under a {@link DatetimeCursor}, drop
 * out-of-range records when {@code is_client_side_incremental}, stop a data feed at an out-of-range last record, and
 * report the page's highest cursor value) → next token. Guards like the native fetcher: more than {@code maxPages}
 * pages, or a request repeating an earlier one, fails the stream with {@link ErrorClass#PAGINATION}. A response
 * the requester's error handler ignores is an empty last page. With a {@link PageReadAhead}, the pages after a full
 * one are requested ahead (their requests built as the fetcher would build them) and taken when the paging reaches
 * them; the pages still come out in order. Not thread-safe.
 */
public final class ManifestPageFetcher implements PageFetcher {
  private final String stream;
  private final StreamRequests requests;
  private final DefaultPaginator paginator;
  private final RecordPipeline records;
  private final Authenticator authenticator;
  private final RequestExecutor executor;
  private final EvalContext context;
  private final List<Map.Entry<Component, Object>> partitionOptions;
  private final ManifestErrorHandler errorHandler;
  private final int maxPages;
  private final Redactor redactor;
  private final DatetimeCursor cursor;
  private final boolean emitsCursor;
  private final RecordSelector splitBy;
  private final PageReadAhead readAhead;
  private final Set<String> seen = new HashSet<>();
  private int pages;

  /**
   * @param readAhead requests the next pages ahead (random-access paging with a {@code concurrency_level} above 1),
   *     or null
   */
  ManifestPageFetcher(String stream, StreamRequests requests, DefaultPaginator paginator, RecordPipeline records,
      Authenticator authenticator, RequestExecutor executor, EvalContext context,
      List<Map.Entry<Component, Object>> partitionOptions, ManifestErrorHandler errorHandler, int maxPages,
      Redactor redactor, DatetimeCursor cursor, boolean emitsCursor, RecordSelector splitBy,
      PageReadAhead readAhead) {
    this.readAhead = readAhead;
    this.splitBy = splitBy;
    this.cursor = cursor;
    this.emitsCursor = emitsCursor;
    this.stream = stream;
    this.requests = requests;
    this.paginator = paginator;
    this.records = records;
    this.authenticator = authenticator;
    this.executor = executor;
    this.context = context;
    this.partitionOptions = List.copyOf(partitionOptions);
    this.errorHandler = errorHandler;
    this.maxPages = maxPages;
    this.redactor = redactor;
  }

  @Override
  public Page fetch(PageCursor cursor) throws EndpointException, InterruptedException {
    if (pages >= maxPages) {
      throw new EndpointException(ErrorClass.PAGINATION, "stream '" + stream + "' has more than " + maxPages
          + " pages");
    }
    Object token;
    ApiRequest request;
    EvalContext withToken;
    try {
      token = paginator.token(cursor, context);
      withToken = context.withToken(token);
      request = requests.request(withToken, paginator, token, partitionOptions);
    } catch (IllegalArgumentException e) {
      throw new EndpointException(ErrorClass.CONFIG, 0, "stream '" + stream + "': " + redactor.mask(e.getMessage()),
          null);
    }
    if (!seen.add(request.method() + " " + request.url() + " " + request.body().orElse(""))) {
      throw new EndpointException(ErrorClass.PAGINATION, "pagination loop in stream '" + stream + "': page "
          + (pages + 1) + " repeats an earlier request (" + request.method() + " "
          + redactor.mask(request.redactedUrl()) + ")");
    }
    Optional<Exchange> ahead = readAhead == null ? Optional.empty() : readAhead.take(request);
    Exchange exchange = ahead.isPresent() ? ahead.get() : splitBy == null ? executor.execute(request, authenticator)
        : executor.execute(request, authenticator, splitBy);
    if (errorHandler != null && errorHandler.ignores(exchange.response())) {
      pages++;
      return new Page(List.of(), Optional.empty(), exchange.stats());
    }
    Page page = page(exchange, withToken, token);
    if (readAhead != null && page.next().isPresent()) {
      readAhead.schedule(upcoming(token, page.next().get()));
    }
    return page;
  }

  /**
   * The requests of the pages after the current one (token {@code token}), as many as may be in flight and
   * {@code max_pages} allows; none when the page that comes next is not the one predicted (the strategy
   * did not continue from full pages).
   */
  private List<ApiRequest> upcoming(Object token, PageCursor next) {
    List<ApiRequest> upcoming = new ArrayList<>();
    Object first = paginator.predicted(token, 1, context);
    if (first == null || !paginator.token(next, context).equals(first)) {
      return upcoming;
    }
    for (int ahead = 1; ahead <= readAhead.parallel() && pages + ahead <= maxPages; ahead++) {
      Object predicted = paginator.predicted(token, ahead, context);
      try {
        upcoming.add(requests.request(context.withToken(predicted), paginator, predicted, partitionOptions));
      } catch (IllegalArgumentException e) { // the fetch of that page reports it, if paging gets there
        break;
      }
    }
    return upcoming;
  }

  @Override
  public void close() {
    if (readAhead != null) {
      readAhead.close();
    }
  }

  private Page page(Exchange exchange, EvalContext withToken, Object token) throws EndpointException {
    FetchStats stats = exchange.stats();
    try {
      RecordSelector.Split split = exchange.split();
      if (split != null && split.found() && split.records().allObjects()) {
        return splitPage(exchange, split, withToken, token);
      }
      // not split (a stream that needs trees), or not an array of objects at the path: Airbyte's extraction
      JsonNode body = split == null ? exchange.body() : JsonBodies.mapper().readTree(exchange.response().body());
      List<JsonNode> extracted = records.extract(body, withToken);
      List<JsonNode> kept = records.select(extracted, withToken);
      if (cursor != null && cursor.isClientSide()) {
        kept.removeIf(record -> !cursor.inRange(record));
      }
      JsonNode last = kept.isEmpty() ? null : kept.get(kept.size() - 1);
      Headers headers = exchange.response().headers();
      PageInfo info = new PageInfo(withToken.withResponse(body, headers, last, kept.size()), extracted.size(),
          kept.size(), last);
      Optional<PageCursor> next = cursor != null && cursor.isDataFeed() && last != null && !cursor.inRange(last)
          ? Optional.empty() : paginator.next(info, token);

      pages++;
      Optional<String> cursorMax = cursor != null && emitsCursor ? cursor.mark(kept) : Optional.empty();
      return new Page(RecordSlices.of(kept), next, stats, cursorMax, Optional.empty());
    } catch (IllegalArgumentException | java.io.IOException e) {
      throw new EndpointException(ErrorClass.MALFORMED_RESPONSE, exchange.response().status(), "stream '" + stream
          + "': " + redactor.mask(e.getMessage()), null, stats);
    }
  }

  /**
   * A page whose records were cut out of the body's bytes ({@link SplitPlan}): the same counts, last record and
   * next token as the tree path, the body's envelope as {@code response} (no template of the stream reads the
   * records through it), the records passed on as they were sent.
   */
  private Page splitPage(Exchange exchange, RecordSelector.Split split, EvalContext withToken, Object token) {
    RecordSlices slices = split.records();
    int n = slices.size();
    JsonNode last = n == 0 ? null : slices.node(n - 1);
    PageInfo info = new PageInfo(withToken.withResponse(split.envelope(), exchange.response().headers(), last, n),
        n, n, last);
    Optional<PageCursor> next = paginator.next(info, token);
    pages++;
    return new Page(slices, next, exchange.stats(), Optional.empty(), Optional.empty());
  }

  @Override
  public String toString() {
    return "ManifestPageFetcher{" + stream + ", " + paginator + ", " + authenticator + ", pages=" + pages + "}";
  }
}
