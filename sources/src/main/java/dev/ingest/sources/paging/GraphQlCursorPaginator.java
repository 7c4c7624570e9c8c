package dev.ingest.sources.paging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.ingest.sources.fetch.PageCursor;
import dev.ingest.sources.http.ApiRequest;
import dev.ingest.sources.records.JsonPath;
import java.util.Objects;
import java.util.Optional;

/**
 * GraphQL relay connections (Linear, Shopify, GitHub GraphQL): the request body is {@code {"query": …,
 * "variables": {…}}}; the page size goes into {@code variables.<size_param>} ({@code first}) and the cursor into
 * {@code variables.<cursor_param>} ({@code after}). The next cursor is {@code <connection>.pageInfo.endCursor};
 * the result set ends when {@code <connection>.pageInfo.hasNextPage} is false or the cursor is missing.
 */
public final class GraphQlCursorPaginator implements Paginator {
  private final JsonPath hasNextPage;
  private final JsonPath endCursor;
  private final String cursorVariable;
  private final String sizeVariable;
  private final int pageSize;

  GraphQlCursorPaginator(String connectionPath, String cursorVariable, String sizeVariable, int pageSize) {
    Objects.requireNonNull(connectionPath, "connectionPath");
    this.hasNextPage = JsonPath.parse(connectionPath + ".pageInfo.hasNextPage");
    this.endCursor = JsonPath.parse(connectionPath + ".pageInfo.endCursor");
    this.cursorVariable = Objects.requireNonNull(cursorVariable, "cursorVariable");
    this.sizeVariable = sizeVariable;
    this.pageSize = pageSize;
  }

  @Override
  public ApiRequest request(ApiRequest first, PageCursor cursor) {
    ApiRequest sized = sizeVariable == null ? first
        : JsonBodyFields.with(first, "variables." + sizeVariable, IntNode.valueOf(pageSize));
    if (cursor instanceof PageCursor.First) {
      return sized;
    }
    if (cursor instanceof PageCursor.Token t) {
      return JsonBodyFields.with(sized, "variables." + cursorVariable, TextNode.valueOf(t.token()));
    }
    throw Paginator.unsupported("graphql", cursor);
  }

  @Override
  public Optional<PageCursor> next(PageCursor current, ApiRequest sent, PageResponse response) {
    boolean more = hasNextPage.find(response.body()).filter(JsonNode::isBoolean).map(JsonNode::booleanValue)
        .orElse(false);
    return more ? endCursor.findText(response.body()).map(PageCursor::token) : Optional.empty();
  }

  @Override
  public String toString() {
    return "GraphQlCursorPaginator{" + endCursor + " -> variables." + cursorVariable + "}";
  }
}
