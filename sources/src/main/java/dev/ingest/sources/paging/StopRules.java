package dev.ingest.sources.paging;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ingest.sources.records.JsonPath;
import dev.ingest.sources.spec.PagingSpec;
import dev.ingest.sources.spec.PagingSpec.Stop;
import java.util.Optional;

/**
 * When a result set ended, as data from the paging spec. Any rule that applies ends it:
 * <ul>
 *   <li>{@code has_more_path}: the body's boolean there is {@code false} (Stripe, Notion, Zendesk cursors);
 *   <li>{@code end_path}: the body's boolean there is {@code true} (Zendesk's incremental export
 *       {@code end_of_stream}), for the cursor styles;
 *   <li>{@code total_path}: the records received reach the body's total ({@code total_items}, {@code count});
 *   <li>{@code stop: empty_page}: a page without records (counting styles only);
 *   <li>{@code stop: short_page}: a page with fewer records than {@code page_size} (counting styles only).
 * </ul>
 * An empty page although {@code has_more} is true or before a declared total was reached is an
 * {@link InconsistentPageException}, never a silent early end.
 */
final class StopRules {
  private final Stop stop;
  private final int pageSize;
  private final JsonPath hasMore;
  private final JsonPath total;
  private final JsonPath end;

  private StopRules(Stop stop, int pageSize, JsonPath hasMore, JsonPath total, JsonPath end) {
    this.end = end;
    this.stop = stop;
    this.pageSize = pageSize;
    this.hasMore = hasMore;
    this.total = total;
  }

  static StopRules of(PagingSpec spec) {
    return new StopRules(spec.stop(), spec.pageSize(),
        spec.hasMorePath() == null ? null : JsonPath.parse(spec.hasMorePath()),
        spec.totalPath() == null ? null : JsonPath.parse(spec.totalPath()),
        spec.endPath() == null ? null : JsonPath.parse(spec.endPath()));
  }

  /** True when the body says there is nothing more ({@code has_more: false}, {@code end_of_stream: true}). */
  boolean saysNoMore(PageResponse response) {
    return hasMore(response).map(more -> !more).orElse(false) || flag(end, response).orElse(false);
  }

  private Optional<Boolean> hasMore(PageResponse response) {
    return flag(hasMore, response);
  }

  private static Optional<Boolean> flag(JsonPath path, PageResponse response) {
    return path == null ? Optional.empty()
        : path.find(response.body()).filter(JsonNode::isBoolean).map(JsonNode::booleanValue);
  }

  /**
   * Whether a counting style (offset, page number) ends after this page.
   *
   * @param receivedBefore records received before this page
   * <p>A {@code has_more} flag in the body decides alone when present (a server capping the page size below
   * {@code page_size} would otherwise look like a short last page).
   *
   * @throws InconsistentPageException when the page is empty although the body says more records follow
   */
  boolean endsCounting(PageResponse response, long receivedBefore) {
    int records = response.recordCount();
    Optional<Boolean> more = hasMore(response);
    if (more.isPresent()) {
      if (more.get() && records == 0) {
        throw new InconsistentPageException("empty page after " + receivedBefore + " records although "
            + hasMore + " is true");
      }
      return !more.get();
    }
    Optional<Long> declared = declaredTotal(response);
    if (declared.isPresent()) {
      long received = receivedBefore + records;
      if (records == 0 && received < declared.get()) {
        throw new InconsistentPageException("empty page after " + receivedBefore + " records although the "
            + "response's " + total + " says " + declared.get());
      }
      if (received >= declared.get()) {
        return true;
      }
    }
    return records == 0 || stop == Stop.SHORT_PAGE && records < pageSize;
  }

  /** The total record count the response declares at {@code total_path}, if any. */
  Optional<Long> declaredTotal(PageResponse response) {
    return total == null ? Optional.empty()
        : total.find(response.body()).filter(JsonNode::canConvertToLong).map(JsonNode::longValue);
  }

  @Override
  public String toString() {
    return "StopRules{" + (stop == null ? "" : stop.yamlName()) + (hasMore == null ? "" : " has_more=" + hasMore)
        + (total == null ? "" : " total=" + total)
        + (end == null ? "" : " end=" + end) + "}";
  }
}
