package dev.ingest.sources.airbyte.runtime;

import dev.ingest.sources.fetch.EndpointException;
import dev.ingest.sources.fetch.Page;
import dev.ingest.sources.fetch.PageCursor;
import dev.ingest.sources.fetch.PageFetcher;
import dev.ingest.sources.incremental.CursorState;
import java.util.Map;
import java.util.Optional;

/**
 * {@code ParentStreamConfig.incremental_dependency}: the child stream's mark carries its parent's cursor
 * ({@code parent_state}, as Airbyte's child state does) beside the child's own. The parent is read from that
 * parent cursor (so only parents since then yield partitions), and every page read for a parent record reports that
 * record's cursor value ({@code parent.<cursor_field>}, parsed with the parent's {@code DatetimeBasedCursor}
 * formats) merged into its own mark. The runtime then commits, as for any incremental endpoint, the highest parent
 * cursor value whose children were read (and each partition's own cursor), and only when the run commits.
 */
final class ParentMark {
  private final CursorField field;
  private final String stream;

  private ParentMark(CursorField field, String stream) {
    this.field = field;
    this.stream = stream;
  }

  /**
   * The mark of {@code parent}, when it sets {@code incremental_dependency} and its stream has a
   * {@code DatetimeBasedCursor}; empty otherwise (a parent without a cursor has no state to depend on).
   */
  static Optional<ParentMark> of(ParentConfig parent, Templates templates, EvalContext context) {
    if (!parent.incrementalDependency()) {
      return Optional.empty();
    }
    Component stream = parent.stream();
    Component cursor = stream.child("incremental_sync");
    if (cursor == null || !cursor.type().equals("DatetimeBasedCursor")) {
      return Optional.empty();
    }
    return Optional.of(new ParentMark(CursorField.of(cursor, templates, context.withParameters(cursor.parameters())),
        stream.text("name", "parent")));
  }

  /** The parent record's cursor value as ISO-8601 UTC text; empty when it has none the formats read. */
  Optional<String> value(Map<String, String> parentVars) {
    return field.parse(parentVars.get("parent." + field.name())).map(DatetimeCursor::iso);
  }

  /**
   * {@code child}, each of its pages reporting the parent record's cursor value
   * ({@code parent_state.<parent stream>.<cursor_field>}) merged into the page's own mark (the child's partition
   * cursor, when it has a {@code DatetimeBasedCursor}).
   */
  PageFetcher reporting(PageFetcher child, Map<String, String> parentVars) {
    Optional<String> value = value(parentVars);
    if (value.isEmpty()) {
      return child;
    }
    String parentState = CursorState.ofParent(stream, field.name(), value.get());
    return new PageFetcher() {
      @Override
      public Page fetch(PageCursor cursor) throws EndpointException, InterruptedException {
        Page page = child.fetch(cursor);
        return new Page(page.slices(), page.next(), page.stats(),
            Optional.of(CursorState.merge(page.cursorMax().orElse(null), parentState)), page.apiTotal());
      }

      @Override
      public void close() {
        child.close();
      }

      @Override
      public String toString() {
        return child + " (reports parent cursor " + value.get() + ")";
      }
    };
  }

  @Override
  public String toString() {
    return "ParentMark{" + field + "}";
  }
}
