package dev.ingest.sources.paging;

import dev.ingest.sources.http.ApiRequest;
import dev.ingest.sources.records.JsonPath;
import java.util.Objects;
import java.util.Optional;

/**
 * Reads the next cursor from the response body ({@code paging.next.after}) and sends it back as a query
 * parameter ({@code ?after=…}); the result set ends when the cursor is absent, null or an empty string.
 */
public final class BodyCursorPaginator implements Paginator {
  private final JsonPath cursorPath;
  private final String cursorParam;
  private final String sizeParam;
  private final int pageSize;

  public BodyCursorPaginator(JsonPath cursorPath, String cursorParam, String sizeParam, int pageSize) {
    this.cursorPath = Objects.requireNonNull(cursorPath, "cursorPath");
    this.cursorParam = Objects.requireNonNull(cursorParam, "cursorParam");
    this.sizeParam = sizeParam;
    this.pageSize = pageSize;
  }

  @Override
  public ApiRequest request(ApiRequest first, PageCursor cursor) {
    ApiRequest sized = sizeParam == null ? first : first.withParam(sizeParam, Integer.toString(pageSize));
    if (cursor instanceof PageCursor.First) {
      return sized;
    }
    if (cursor instanceof PageCursor.Token t) {
      return sized.withParam(cursorParam, t.token());
    }
    throw Paginator.unsupported("body_cursor", cursor);
  }

  @Override
  public Optional<PageCursor> next(PageCursor current, ApiRequest sent, PageResponse response) {
    return cursorPath.findText(response.body()).map(PageCursor::token);
  }

  @Override
  public String toString() {
    return "BodyCursorPaginator{" + cursorPath + " -> " + cursorParam + "}";
  }
}
