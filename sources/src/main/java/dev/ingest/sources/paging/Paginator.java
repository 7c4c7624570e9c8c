package dev.ingest.sources.paging;

import dev.ingest.sources.fetch.PageCursor;
import dev.ingest.sources.http.ApiRequest;
import java.util.Optional;

/**
 * One paging style, as a pure function: no I/O, no state. The runtime asks it for the request of a page and,
 * once the page arrived, for the cursor of the next one. Build with {@link Paginators#create}.
 *
 * <p>A cursor of a kind the style does not produce (a {@code token} given to page-number paging, say after a
 * connector definition changed under a checkpoint) is rejected with {@link IllegalArgumentException}.
 */
public interface Paginator {

  /**
   * The request for the page at {@code cursor}.
   *
   * @param first the endpoint's first-page request as the connector defines it (URL, params, headers), not yet
   *     authenticated
   * @param cursor {@link PageCursor#first()} or a cursor this paginator returned from {@link #next}
   */
  ApiRequest request(ApiRequest first, PageCursor cursor);

  /**
   * The cursor of the page after {@code current}, or empty when {@code current} was the last page.
   *
   * @param current the cursor the page was fetched with
   * @param sent the request that was sent for it (as returned by {@link #request}, before authentication)
   * @param response what came back
   */
  Optional<PageCursor> next(PageCursor current, ApiRequest sent, PageResponse response);

  /** Thrown for cursors of the wrong kind. */
  static IllegalArgumentException unsupported(String style, PageCursor cursor) {
    return new IllegalArgumentException(style + " paging cannot resume from a cursor of kind '"
        + cursor.getClass().getSimpleName() + "'");
  }
}
