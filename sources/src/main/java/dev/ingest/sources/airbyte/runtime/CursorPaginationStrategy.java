package dev.ingest.sources.airbyte.runtime;

import dev.ingest.sources.fetch.PageCursor;

/**
 * Airbyte's {@code CursorPagination}: after each page, {@code stop_condition} (if any) is evaluated with the
 * response, headers, last record and page size, then {@code cursor_value}; an empty value ends paging. Tokens are
 * kept as text ({@link PageCursor.Token}); with {@code RequestPath} injection they are URLs ({@link PageCursor.Url}).
 */
final class CursorPaginationStrategy implements PaginationStrategy {
  private static final long serialVersionUID = 1L;
  private final Component component;
  private final Templates templates;
  private final boolean pathToken;

  CursorPaginationStrategy(Component component, Templates templates, boolean pathToken) {
    this.component = component;
    this.templates = templates;
    this.pathToken = pathToken;
  }

  @Override
  public Object initialToken(EvalContext context) {
    return null;
  }

  @Override
  public Object nextToken(PageInfo info, Object lastToken) {
    if (component.has("stop_condition") && templates.condition(component, "stop_condition", info.context(), false)) {
      return null;
    }
    Object token = templates.value(component, "cursor_value", info.context());
    return Truthiness.truthy(token) ? token : null;
  }

  @Override
  public Object pageSize(EvalContext context) {
    return templates.value(component, "page_size", context);
  }

  @Override
  public PageCursor cursor(Object token) {
    String text = Templates.asText(token);
    return pathToken ? PageCursor.url(text) : PageCursor.token(text);
  }

  @Override
  public Object token(PageCursor cursor) {
    if (cursor instanceof PageCursor.Token t) {
      return t.token();
    }
    if (cursor instanceof PageCursor.Url u) {
      return u.url();
    }
    if (cursor instanceof PageCursor.First) {
      return null;
    }
    throw new IllegalArgumentException("CursorPagination cannot resume from " + cursor.encode());
  }

  @Override
  public String toString() {
    return "CursorPagination(" + component.path() + ")";
  }
}
