package dev.ingest.sources.runtime;

import dev.ingest.sources.fetch.EndpointException;
import dev.ingest.sources.fetch.ErrorClass;
import dev.ingest.sources.fetch.FetchStats;
import dev.ingest.sources.fetch.Page;
import dev.ingest.sources.fetch.PageCursor;
import dev.ingest.sources.fetch.PageFetcher;
import dev.ingest.sources.fetch.ParentRecordVars;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Fetches a child endpoint (tasks of each project) by walking its parent's records: for every parent record, the
 * child's whole result set, with {@code {{ parent.<field> }}} taken from that record. The position is one
 * {@link PageCursor.Nested} (parent page, parent record index, child cursor), so a checkpoint restores exactly
 * where the split was, like any other cursor. Each {@link #fetch} returns one child page; the parent page in use
 * is kept, so every parent page is requested once per fetcher. Not thread-safe.
 */
public final class ParentChildPageFetcher implements PageFetcher {
  /** Opens the child's fetcher for one parent record's vars. */
  @FunctionalInterface
  public interface ChildOpener {
    PageFetcher open(Map<String, String> parentVars) throws EndpointException;
  }

  private final String endpoint;
  private final PageFetcher parent;
  private final ChildOpener children;
  private PageCursor parentCursor;
  private Page parentPage;
  private PageCursor childParentCursor;
  private int childIndex = -1;
  private PageFetcher child;

  public ParentChildPageFetcher(String endpoint, PageFetcher parent, ChildOpener children) {
    this.endpoint = endpoint;
    this.parent = parent;
    this.children = children;
  }

  @Override
  public Page fetch(PageCursor cursor) throws EndpointException, InterruptedException {
    PageCursor.Nested position = position(cursor);
    FetchStats spent = FetchStats.NONE;
    while (true) {
      if (!position.parentPage().equals(parentCursor)) {
        parentPage = parent.fetch(position.parentPage());
        parentCursor = position.parentPage();
        spent = spent.plus(parentPage.stats());
      }
      int index = position.parentIndex();
      if (index >= parentPage.records().size()) {
        if (parentPage.isLast()) {
          return new Page(List.of(), Optional.empty(), spent);
        }
        position = new PageCursor.Nested(parentPage.next().orElseThrow(), 0, PageCursor.first());
        continue;
      }
      Page page = childFor(index).fetch(position.child());
      return new Page(page.slices(), next(position, page), spent.plus(page.stats()), page.cursorMax(),
          Optional.empty());
    }
  }

  private Optional<PageCursor> next(PageCursor.Nested position, Page childPage) {
    if (childPage.next().isPresent()) {
      return Optional.of(PageCursor.nested(position.parentPage(), position.parentIndex(), childPage.next().get()));
    }
    if (position.parentIndex() + 1 < parentPage.records().size()) {
      return Optional.of(PageCursor.nested(position.parentPage(), position.parentIndex() + 1, PageCursor.first()));
    }
    return parentPage.next().map(next -> PageCursor.nested(next, 0, PageCursor.first()));
  }

  private PageFetcher childFor(int index) throws EndpointException {
    if (child == null || index != childIndex || !parentCursor.equals(childParentCursor)) {
      closeChild();
      child = children.open(ParentRecordVars.ofJson(endpoint, parentPage.records().get(index)));
      childIndex = index;
      childParentCursor = parentCursor;
    }
    return child;
  }

  private PageCursor.Nested position(PageCursor cursor) throws EndpointException {
    if (cursor instanceof PageCursor.First) {
      return new PageCursor.Nested(PageCursor.first(), 0, PageCursor.first());
    }
    if (cursor instanceof PageCursor.Nested nested) {
      return nested;
    }
    throw new EndpointException(ErrorClass.PAGINATION, "endpoint '" + endpoint + "' iterates over its parent and "
        + "cannot resume from a cursor of kind " + cursor.getClass().getSimpleName());
  }

  private void closeChild() {
    if (child != null) {
      child.close();
      child = null;
    }
  }

  @Override
  public void close() {
    closeChild();
    parent.close();
  }

  @Override
  public String toString() {
    return "ParentChildPageFetcher{" + endpoint + ", parent=" + parent + "}";
  }
}
