package dev.ingest.sources.airbyte.runtime;

import dev.ingest.sources.fetch.PageCursor;
import java.io.Serializable;
import java.util.Optional;

/**
 * Airbyte's {@code DefaultPaginator} (and {@code NoPagination}: no strategy): a {@link PaginationStrategy} plus
 * where its token goes ({@code page_token_option}: a {@code RequestOption}, or {@code RequestPath} for a token that
 * is the next URL) and where the page size goes ({@code page_size_option}, on every request).
 */
final class DefaultPaginator implements Serializable {
  private static final long serialVersionUID = 1L;
  private final PaginationStrategy strategy;
  private final Component tokenOption;
  private final Component sizeOption;
  private final Templates templates;

  private DefaultPaginator(PaginationStrategy strategy, Component tokenOption, Component sizeOption,
      Templates templates) {
    this.strategy = strategy;
    this.tokenOption = tokenOption;
    this.sizeOption = sizeOption;
    this.templates = templates;
  }

  /** The paginator of a retriever's {@code paginator} component (null or {@code NoPagination}: one page). */
  static DefaultPaginator of(Component paginator, Templates templates) {
    if (paginator == null || paginator.type().equals("NoPagination")) {
      return new DefaultPaginator(null, null, null, templates);
    }
    if (!paginator.type().equals("DefaultPaginator")) {
      throw paginator.refuse(paginator.type() + " is not supported");
    }
    Component tokenOption = paginator.child("page_token_option");
    boolean pathToken = tokenOption != null && tokenOption.type().equals("RequestPath");
    Component strategy = paginator.child("pagination_strategy");
    if (strategy == null) {
      throw paginator.refuse("pagination_strategy is required");
    }
    PaginationStrategy chosen = switch (strategy.type()) {
      case "CursorPagination" -> new CursorPaginationStrategy(strategy, templates, pathToken);
      case "PageIncrement" -> new PageIncrementStrategy(strategy, templates);
      case "OffsetIncrement" -> new OffsetIncrementStrategy(strategy, templates);
      default -> throw strategy.refuse(strategy.type() + " is not supported");
    };
    return new DefaultPaginator(chosen, tokenOption, paginator.child("page_size_option"), templates);
  }

  /** The token of the page at {@code cursor}: the strategy's initial token for the first page. */
  Object token(PageCursor cursor, EvalContext context) {
    if (strategy == null) {
      return null;
    }
    return cursor instanceof PageCursor.First ? strategy.initialToken(context) : strategy.token(cursor);
  }

  /** The cursor of the next page, or empty at the end. */
  Optional<PageCursor> next(PageInfo info, Object lastToken) {
    if (strategy == null) {
      return Optional.empty();
    }
    Object token = strategy.nextToken(info, lastToken);
    return Truthiness.truthy(token) ? Optional.of(strategy.cursor(token)) : Optional.empty();
  }

  /**
   * True when later pages can be requested before the current one's response arrives: a strategy whose tokens do
   * not depend on the responses ({@code PageIncrement} and {@code OffsetIncrement} with a page size), sent by a
   * {@code page_token_option} into the request (so each page is a distinct request).
   */
  boolean randomAccess(EvalContext context) {
    return strategy != null && tokenOption != null && !tokenOption.type().equals("RequestPath")
        && strategy.predicted(null, 1, context) != null;
  }

  /** The token {@code ahead} pages after the page of {@code token}, or null when it cannot be known in advance. */
  Object predicted(Object token, int ahead, EvalContext context) {
    return strategy == null ? null : strategy.predicted(token, ahead, context);
  }

  /** The URL that replaces the requester's path ({@code RequestPath} with a token), if any. */
  Optional<String> path(Object token) {
    if (token != null && tokenOption != null && tokenOption.type().equals("RequestPath")) {
      return Optional.of(Templates.asText(token));
    }
    return Optional.empty();
  }

  /** Adds the token and page size where the options say. */
  void apply(RequestParts parts, Object token, EvalContext context) {
    if (strategy == null) {
      return;
    }
    if (token != null && tokenOption != null && !tokenOption.type().equals("RequestPath")) {
      RequestOptions.inject(tokenOption, token, parts, templates, context);
    }
    Object size = strategy.pageSize(context);
    if (sizeOption != null && Truthiness.truthy(size)) {
      RequestOptions.inject(sizeOption, size, parts, templates, context);
    }
  }

  @Override
  public String toString() {
    return strategy == null ? "NoPagination" : strategy.toString();
  }
}
