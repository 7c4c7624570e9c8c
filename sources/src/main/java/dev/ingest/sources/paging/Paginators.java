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
    return switch (spec.type()) {
      case PAGE_NUMBER -> new PageNumberPaginator(
          spec.pageParam(), spec.sizeParam(), spec.pageSize(), spec.startPage(), spec.stop());
      case BODY_CURSOR -> new BodyCursorPaginator(
          JsonPath.parse(spec.cursorPath()), spec.cursorParam(), spec.sizeParam(), spec.pageSize());
      case LINK_HEADER -> new LinkHeaderPaginator(spec.sizeParam(), spec.pageSize());
      case OFFSET -> new OffsetPaginator(spec.offsetParam(), spec.sizeParam(), spec.pageSize(), spec.stop());
      case NEXT_URL -> new NextUrlPaginator(
          JsonPath.parse(spec.nextUrlPath()), baseUrl, spec.sizeParam(), spec.pageSize());
      case NONE -> NoPaginator.INSTANCE;
    };
  }
}
