package dev.ingest.sources.paging;

import dev.ingest.sources.fetch.PageCursor;
import dev.ingest.sources.http.ApiRequest;
import java.util.List;

/**
 * A paging style whose later pages can be addressed before they are fetched (page numbers and offsets, once the
 * response declared the total): the runtime may request them ahead, in parallel, and still hand them out in order.
 */
public interface RandomAccessPaginator extends Paginator {

  /**
   * The cursors of up to {@code count} pages after {@code current}, predicted from its response; empty when the
   * total is unknown or {@code current} was the last page. A wrong prediction only costs a request: the runtime
   * uses a predicted page only when {@link #next} later leads to it.
   *
   * @param sent the request sent for {@code current}
   */
  List<PageCursor> upcoming(PageCursor current, ApiRequest sent, PageResponse response, int count);
}
