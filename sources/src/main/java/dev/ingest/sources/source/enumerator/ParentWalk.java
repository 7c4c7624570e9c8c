package dev.ingest.sources.source.enumerator;

import dev.ingest.sources.fetch.PageCursor;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashSet;
import java.util.Set;

/**
 * The loop guard and page cap of one fanned-out endpoint's walk over its parent's pages in one run. Each parent
 * page is its own {@code PARENTS} split with a fresh page fetcher, so the fetcher's own guard (a repeated request,
 * more than {@code max_pages} pages) sees one page only; this value sees them all and is checkpointed with the
 * enumerator's state, so it also holds across a failover.
 *
 * <p>Rules, the same as a single fetcher's: a next parent page whose cursor was requested before in this run is a
 * loop, except after an empty page, which may point back at an earlier request up to {@value #EMPTY_PAGE_REPEATS}
 * times in a row ("try again"); a next page beyond {@code max_pages} pages is over the cap. Cursors are kept as
 * 64-bit fingerprints of their text form (SHA-256, first 8 bytes), so the state grows by 8 bytes per page and
 * never holds a cursor's text (next-page URLs may carry signed values).
 *
 * @param requested fingerprints of the parent page cursors requested so far in the run (the first page included)
 * @param emptyRepeats empty pages in a row that pointed back at an earlier request
 */
public record ParentWalk(Set<Long> requested, int emptyRepeats) {
  /** Times in a row an empty page may point back at an earlier request before it counts as a loop. */
  static final int EMPTY_PAGE_REPEATS = 3;

  /** What a finished parent page may lead to. */
  enum Step {
    /** Fetch the next parent page. */
    NEXT,
    /** The next page repeats an earlier one: the page itself is a repeat; fan out nothing more. */
    LOOP,
    /** The next page would exceed {@code max_pages}: fan out this page, fetch no more. */
    OVER_CAP
  }

  public ParentWalk {
    requested = Set.copyOf(requested);
    if (emptyRepeats < 0) {
      throw new IllegalArgumentException("emptyRepeats must be >= 0, got " + emptyRepeats);
    }
  }

  /** The walk of a run whose first parent page was just created. */
  static ParentWalk started() {
    return new ParentWalk(Set.of(fingerprint(PageCursor.first())), 0);
  }

  /**
   * Judges the next parent page announced by a finished one.
   *
   * @param pagesWalked parent pages fetched so far, the finished one included
   * @param pageEmpty whether the finished page had no parent records
   * @param next the next parent page it announced
   * @param maxPages the most parent pages one run may walk
   */
  Step judge(long pagesWalked, boolean pageEmpty, PageCursor next, int maxPages) {
    if (requested.contains(fingerprint(next)) && !(pageEmpty && emptyRepeats < EMPTY_PAGE_REPEATS)) {
      return Step.LOOP;
    }
    return pagesWalked >= maxPages ? Step.OVER_CAP : Step.NEXT;
  }

  /** This walk once the next page {@code next} (judged {@link Step#NEXT}) was created after a page. */
  ParentWalk walked(PageCursor next, boolean pageEmpty) {
    Set<Long> more = new HashSet<>(requested);
    boolean repeat = !more.add(fingerprint(next));
    return new ParentWalk(more, !pageEmpty ? 0 : repeat ? emptyRepeats + 1 : emptyRepeats);
  }

  static long fingerprint(PageCursor cursor) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(cursor.encode().getBytes(StandardCharsets.UTF_8));
      return ByteBuffer.wrap(digest, 0, Long.BYTES).getLong();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every Java platform", e);
    }
  }
}
