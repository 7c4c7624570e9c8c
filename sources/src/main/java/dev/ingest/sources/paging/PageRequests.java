package dev.ingest.sources.paging;

import dev.ingest.sources.fetch.PageCursor;
import dev.ingest.sources.http.ApiRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongFunction;

/** What several paging styles do alike: the page-size parameter, following a served URL, predicting positions. */
final class PageRequests {
  private PageRequests() {}

  /** {@code first} with the page-size query parameter, or unchanged when the style sends none. */
  static ApiRequest sized(ApiRequest first, String sizeParam, int pageSize) {
    return sizeParam == null ? first : first.withParam(sizeParam, Integer.toString(pageSize));
  }

  /**
   * The request of a URL-following style ({@code link_header}, {@code next_url}): the sized first request, then
   * each served URL exactly as it was served (some APIs require the cursor to be its only parameter).
   */
  static ApiRequest followUrl(String style, ApiRequest first, PageCursor cursor, String sizeParam, int pageSize) {
    if (cursor instanceof PageCursor.First) {
      return sized(first, sizeParam, pageSize);
    }
    if (cursor instanceof PageCursor.Url u) {
      return first.withUrl(u.url());
    }
    throw Paginator.unsupported(style, cursor);
  }

  /**
   * Up to {@code count} positions {@code from}, {@code from + step}, … below {@code end}, as cursors: the pages a
   * random-access style can request ahead.
   */
  static List<PageCursor> positions(long from, long end, long step, int count, LongFunction<PageCursor> cursor) {
    List<PageCursor> cursors = new ArrayList<>();
    for (long at = from; at < end && cursors.size() < count; at += step) {
      cursors.add(cursor.apply(at));
    }
    return cursors;
  }
}
