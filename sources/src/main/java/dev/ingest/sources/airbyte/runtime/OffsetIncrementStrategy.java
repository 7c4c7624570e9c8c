package dev.ingest.sources.airbyte.runtime;

import dev.ingest.sources.fetch.PageCursor;

/**
 * Airbyte's {@code OffsetIncrement}: the offset grows by the number of records extracted from each page, starting
 * at 0 (sent on the first request only with {@code inject_on_first_request}); paging stops at a page with fewer
 * records than {@code page_size}, or none.
 */
final class OffsetIncrementStrategy implements PaginationStrategy {
  private static final long serialVersionUID = 1L;
  private final Component component;
  private final Templates templates;

  OffsetIncrementStrategy(Component component, Templates templates) {
    this.component = component;
    this.templates = templates;
  }

  @Override
  public Object initialToken(EvalContext context) {
    return component.field("inject_on_first_request").asBoolean(false) ? 0L : null;
  }

  @Override
  public Object nextToken(PageInfo info, Object lastToken) {
    Long size = Truthiness.integer(pageSize(info.context()), component, "page_size");
    if ((size != null && size != 0 && info.extracted() < size) || info.extracted() == 0) {
      return null;
    }
    long next = (lastToken == null ? 0L : ((Number) lastToken).longValue()) + info.extracted();
    return next == 0 ? null : next;
  }

  @Override
  public Object pageSize(EvalContext context) {
    return templates.value(component, "page_size", context);
  }

  /** Offset {@code token + ahead * page_size}: the offsets of full pages, the only ones paging goes on after. */
  @Override
  public Object predicted(Object token, int ahead, EvalContext context) {
    Long size = Truthiness.integer(pageSize(context), component, "page_size");
    if (size == null || size <= 0) {
      return null;
    }
    return (token == null ? 0L : ((Number) token).longValue()) + ahead * size;
  }

  @Override
  public PageCursor cursor(Object token) {
    return PageCursor.offset(((Number) token).longValue());
  }

  @Override
  public Object token(PageCursor cursor) {
    if (cursor instanceof PageCursor.Offset o) {
      return o.offset();
    }
    if (cursor instanceof PageCursor.First) {
      return null;
    }
    throw new IllegalArgumentException("OffsetIncrement cannot resume from " + cursor.encode());
  }

  @Override
  public String toString() {
    return "OffsetIncrement(" + component.path() + ")";
  }
}
