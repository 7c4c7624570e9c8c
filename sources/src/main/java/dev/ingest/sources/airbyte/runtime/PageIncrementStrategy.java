package dev.ingest.sources.airbyte.runtime;

import dev.ingest.sources.fetch.PageCursor;

/**
 * Airbyte's {@code PageIncrement}: pages {@code start_from_page} (default 0), +1, +2, …; the first request carries
 * the page only with {@code inject_on_first_request}; without it the page after the first is
 * {@code start_from_page + 1}. Paging stops at a page with fewer extracted records than {@code page_size}, or none.
 */
final class PageIncrementStrategy implements PaginationStrategy {
  private static final long serialVersionUID = 1L;
  private final Component component;
  private final Templates templates;

  PageIncrementStrategy(Component component, Templates templates) {
    this.component = component;
    this.templates = templates;
  }

  @Override
  public Object initialToken(EvalContext context) {
    return component.field("inject_on_first_request").asBoolean(false) ? start() : null;
  }

  private long start() {
    return component.field("start_from_page").asLong(0);
  }

  @Override
  public Object nextToken(PageInfo info, Object lastToken) {
    Long size = Truthiness.integer(pageSize(info.context()), component, "page_size");
    if ((size != null && size != 0 && info.extracted() < size) || info.extracted() == 0) {
      return null;
    }
    long next = lastToken == null ? start() + 1 : ((Number) lastToken).longValue() + 1;
    return next == 0 ? null : next;
  }

  @Override
  public Object pageSize(EvalContext context) {
    return templates.value(component, "page_size", context);
  }

  /** Page {@code token + ahead} (after the first page: {@code start_from_page + ahead}) with a page size. */
  @Override
  public Object predicted(Object token, int ahead, EvalContext context) {
    Long size = Truthiness.integer(pageSize(context), component, "page_size");
    if (size == null || size <= 0) {
      return null;
    }
    return (token == null ? start() : ((Number) token).longValue()) + ahead;
  }

  @Override
  public PageCursor cursor(Object token) {
    return PageCursor.page(((Number) token).longValue());
  }

  @Override
  public Object token(PageCursor cursor) {
    if (cursor instanceof PageCursor.PageNumber p) {
      return p.number();
    }
    if (cursor instanceof PageCursor.First) {
      return null;
    }
    throw new IllegalArgumentException("PageIncrement cannot resume from " + cursor.encode());
  }

  @Override
  public String toString() {
    return "PageIncrement(" + component.path() + ")";
  }
}
