package dev.ingest.sources.paging;

import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.ingest.sources.fetch.PageCursor;
import dev.ingest.sources.http.ApiRequest;
import dev.ingest.sources.records.JsonPath;
import dev.ingest.sources.spec.PagingSpec.ParamIn;
import java.util.Objects;
import java.util.Optional;

/**
 * Reads the next cursor from the response body ({@code paging.next.after}), or from the page's last record
 * ({@code cursor_record_field: id}: Stripe's {@code starting_after}), and sends it back, as a query parameter
 * ({@code ?after=…}) or as a field of the JSON request body ({@code "after": …} in a HubSpot search or a Notion
 * query). The result set ends when the cursor is absent, null or empty, or when {@code has_more} is false.
 */
public final class BodyCursorPaginator implements Paginator {
  private final JsonPath cursorPath;
  private final boolean fromLastRecord;
  private final String cursorParam;
  private final ParamIn cursorIn;
  private final String sizeParam;
  private final int pageSize;
  private final StopRules stop;

  /**
   * @param cursorPath where the cursor is: in the body, or in the last record when {@code fromLastRecord}
   */
  BodyCursorPaginator(JsonPath cursorPath, boolean fromLastRecord, String cursorParam, ParamIn cursorIn,
      String sizeParam, int pageSize, StopRules stop) {
    this.cursorPath = Objects.requireNonNull(cursorPath, "cursorPath");
    this.fromLastRecord = fromLastRecord;
    this.cursorParam = Objects.requireNonNull(cursorParam, "cursorParam");
    this.cursorIn = Objects.requireNonNull(cursorIn, "cursorIn");
    this.sizeParam = sizeParam;
    this.pageSize = pageSize;
    this.stop = Objects.requireNonNull(stop, "stop");
  }

  @Override
  public ApiRequest request(ApiRequest first, PageCursor cursor) {
    ApiRequest sized = cursorIn == ParamIn.QUERY || sizeParam == null ? PageRequests.sized(first, sizeParam, pageSize)
        : JsonBodyFields.with(first, sizeParam, IntNode.valueOf(pageSize));
    if (cursor instanceof PageCursor.First) {
      return sized;
    }
    if (cursor instanceof PageCursor.Token t) {
      return cursorIn == ParamIn.QUERY ? sized.withParam(cursorParam, t.token())
          : JsonBodyFields.with(sized, cursorParam, TextNode.valueOf(t.token()));
    }
    throw Paginator.unsupported("body_cursor", cursor);
  }

  @Override
  public Optional<PageCursor> next(PageCursor current, ApiRequest sent, PageResponse response) {
    if (stop.saysNoMore(response)) {
      return Optional.empty();
    }
    if (fromLastRecord) {
      return response.lastRecord() == null ? Optional.empty()
          : cursorPath.findText(response.lastRecord()).map(PageCursor::token);
    }
    return cursorPath.findText(response.body()).map(PageCursor::token);
  }

  @Override
  public String toString() {
    return "BodyCursorPaginator{" + (fromLastRecord ? "last record's " : "") + cursorPath + " -> "
        + cursorIn.yamlName() + " " + cursorParam + "}";
  }
}
