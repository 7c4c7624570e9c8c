package dev.ingest.sources.airbyte.runtime;

import dev.ingest.sources.fetch.PageCursor;
import java.io.Serializable;

/**
 * One Airbyte pagination strategy ({@code CursorPagination}, {@code PageIncrement}, {@code OffsetIncrement}):
 * pure, no I/O. Tokens are the values Airbyte puts in {@code next_page_token.next_page_token}; they travel in
 * checkpoints as {@link PageCursor}s.
 */
public interface PaginationStrategy extends Serializable {

  /** The token of the first request, or null when the first request carries none. */
  Object initialToken(EvalContext context);

  /** The token of the page after the one {@code info} describes, or null at the end. */
  Object nextToken(PageInfo info, Object lastToken);

  /** The page size injected with {@code page_size_option}, or null. */
  Object pageSize(EvalContext context);

  /** The checkpointable form of a token. */
  PageCursor cursor(Object token);

  /** The token a cursor stands for (null for {@link PageCursor#first()}). */
  Object token(PageCursor cursor);

  /**
   * The token of the page {@code ahead} pages after the page requested with {@code token}, when the strategy's
   * tokens do not depend on the responses: each next token follows from the last one and the page size alone, and
   * paging ends at a short page. Null when they do (the default: a cursor read from the response), or when no
   * positive {@code page_size} is set.
   */
  default Object predicted(Object token, int ahead, EvalContext context) {
    return null;
  }
}
