package dev.ingest.sources.paging;

import dev.ingest.sources.records.JsonPath;
import dev.ingest.sources.spec.PagingSpec;

/** Builds the {@link Paginator} of a {@link PagingSpec}. */
public final class Paginators {
  private Paginators() {}

  /**
   * The paginator for {@code spec}.
   *
   * @param baseUrl the rendered base URL of the connector (relative next URLs resolve against it)
   */
  public static Paginator create(PagingSpec spec, String baseUrl) {
    StopRules stop = StopRules.of(spec);
    return switch (spec.type()) {
      case PAGE_NUMBER -> new PageNumberPaginator(
          spec.pageParam(), spec.sizeParam(), spec.pageSize(), spec.startPage(), stop);
      case BODY_CURSOR -> spec.cursorRecordField() != null
          ? new BodyCursorPaginator(JsonPath.parse(spec.cursorRecordField()), true, spec.cursorParam(),
              spec.cursorIn(), spec.sizeParam(), spec.pageSize(), stop)
          : new BodyCursorPaginator(JsonPath.parse(spec.cursorPath()), false, spec.cursorParam(), spec.cursorIn(),
              spec.sizeParam(), spec.pageSize(), stop);
      case LINK_HEADER -> new LinkHeaderPaginator(spec.sizeParam(), spec.pageSize());
      case OFFSET -> new OffsetPaginator(spec.offsetParam(), spec.sizeParam(), spec.pageSize(), stop);
      case NEXT_URL -> new NextUrlPaginator(
          JsonPath.parse(spec.nextUrlPath()), baseUrl, spec.sizeParam(), spec.pageSize(), stop);
      case GRAPHQL -> new GraphQlCursorPaginator(
          spec.connectionPath(), spec.cursorParam(), spec.sizeParam(), spec.pageSize());
      case NONE -> NoPaginator.INSTANCE;
    };
  }
}
