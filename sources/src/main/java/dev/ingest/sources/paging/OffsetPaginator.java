package dev.ingest.sources.paging;

import dev.ingest.sources.fetch.PageCursor;
import dev.ingest.sources.http.ApiRequest;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code ?offset=N&limit=M}: starts at offset 0 and advances by the number of records received until the
 * {@link StopRules} end it (empty or short page, {@code has_more} false, declared total reached).
 */
public final class OffsetPaginator implements RandomAccessPaginator {
  private final String offsetParam;
  private final String sizeParam;
  private final int pageSize;
  private final StopRules stop;

  OffsetPaginator(String offsetParam, String sizeParam, int pageSize, StopRules stop) {
    this.offsetParam = Objects.requireNonNull(offsetParam, "offsetParam");
    this.sizeParam = sizeParam;
    this.pageSize = pageSize;
    this.stop = Objects.requireNonNull(stop, "stop");
  }

  @Override
  public ApiRequest request(ApiRequest first, PageCursor cursor) {
    return PageRequests.sized(first, sizeParam, pageSize).withParam(offsetParam, Long.toString(offset(cursor)));
  }

  @Override
  public Optional<PageCursor> next(PageCursor current, ApiRequest sent, PageResponse response) {
    long offset = offset(current);
    if (stop.endsCounting(response, offset)) {
      return Optional.empty();
    }
    return Optional.of(PageCursor.offset(offset + response.recordCount()));
  }

  /** Offsets up to the declared total, in steps of this page's size. */
  @Override
  public List<PageCursor> upcoming(PageCursor current, ApiRequest sent, PageResponse response, int count) {
    Optional<Long> total = stop.declaredTotal(response);
    int step = response.recordCount();
    if (total.isEmpty() || step == 0) {
      return List.of();
    }
    return PageRequests.positions(offset(current) + step, total.get(), step, count, PageCursor::offset);
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
    return "OffsetPaginator{" + offsetParam + ", " + stop + "}";
  }
}
