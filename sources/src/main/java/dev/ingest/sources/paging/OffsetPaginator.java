package dev.ingest.sources.paging;

import dev.ingest.sources.http.ApiRequest;
import dev.ingest.sources.spec.PagingSpec.Stop;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code ?offset=N&limit=M}: starts at offset 0 and advances by the number of records received until the stop
 * rule ends it.
 */
public final class OffsetPaginator implements Paginator {
  private final String offsetParam;
  private final String sizeParam;
  private final int pageSize;
  private final Stop stop;

  public OffsetPaginator(String offsetParam, String sizeParam, int pageSize, Stop stop) {
    this.offsetParam = Objects.requireNonNull(offsetParam, "offsetParam");
    this.sizeParam = sizeParam;
    this.pageSize = pageSize;
    this.stop = Objects.requireNonNull(stop, "stop");
  }

  @Override
  public ApiRequest request(ApiRequest first, PageCursor cursor) {
    ApiRequest sized = sizeParam == null ? first : first.withParam(sizeParam, Integer.toString(pageSize));
    return sized.withParam(offsetParam, Long.toString(offset(cursor)));
  }

  @Override
  public Optional<PageCursor> next(PageCursor current, ApiRequest sent, PageResponse response) {
    int records = response.recordCount();
    if (records == 0 || stop == Stop.SHORT_PAGE && records < pageSize) {
      return Optional.empty();
    }
    return Optional.of(PageCursor.offset(offset(current) + records));
  }

  private static long offset(PageCursor cursor) {
    if (cursor instanceof PageCursor.First) {
      return 0;
    }
    if (cursor instanceof PageCursor.Offset o) {
      return o.offset();
    }
    throw Paginator.unsupported("offset", cursor);
  }

  @Override
  public String toString() {
    return "OffsetPaginator{" + offsetParam + ", " + stop.yamlName() + "}";
  }
}
