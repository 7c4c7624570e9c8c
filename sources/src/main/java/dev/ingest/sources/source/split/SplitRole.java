package dev.ingest.sources.source.split;

import dev.ingest.sources.fetch.PageCursor;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What part of its endpoint's run a split is. An endpoint without a parent is one {@link Kind#WHOLE} split. An
 * endpoint with a parent (tasks of each project) is fanned out by the enumerator:
 *
 * <pre>
 *   PARENTS p0 ──finished: parents [a, b], next page──▶ CHILD 0.0 (parent a), CHILD 0.1 (parent b), PARENTS p1
 *   PARENTS p1 ──finished: parents [c], no next──────▶ CHILD 1.0 (parent c)
 *   every part finished ─────────────────────────────▶ SUMMARY (emits the endpoint's one EndpointRun)
 * </pre>
 *
 * <p>Parts ({@code PARENTS}, {@code CHILD}) emit no run summary; they report their progress, outcome and (for
 * {@code PARENTS}) the parent records they found in their finish event, and the enumerator sums them into the
 * {@code SUMMARY} split's progress.
 *
 * @param kind the kind of split
 * @param key unique within the endpoint's run ({@code p3} for a parent page, {@code 3.17} for a child, {@code
 *     summary}); null for {@link Kind#WHOLE}
 * @param parents {@code PARENTS}: the {@code parent.*} vars of each record of its page, once read; else empty
 * @param nextParents {@code PARENTS}: the cursor of the parent page after this one, once read and if any
 * @param errorClass a failed part's or the endpoint's error class, else null
 * @param errorMessage the redacted message that goes with {@code errorClass}, else null
 */
public record SplitRole(
    Kind kind, String key, List<Map<String, String>> parents, Optional<PageCursor> nextParents,
    String errorClass, String errorMessage) {

  /** The kinds of split. */
  public enum Kind {
    /** A whole endpoint: records and its run summary. */
    WHOLE,
    /** One page of a child endpoint's parent: no records, the parent records found. */
    PARENTS,
    /** A child endpoint's records for one parent record. */
    CHILD,
    /** A fanned-out endpoint's run summary, once every part finished. */
    SUMMARY
  }

  /** The role of a whole endpoint. */
  public static final SplitRole WHOLE = new SplitRole(Kind.WHOLE, null, List.of(), Optional.empty(), null, null);

  public SplitRole {
    Objects.requireNonNull(kind, "kind");
    if ((kind == Kind.WHOLE) != (key == null)) {
      throw new IllegalArgumentException("a " + kind + " split " + (key == null ? "needs" : "has no") + " a key");
    }
    if (key != null && (key.isBlank() || key.contains("/"))) {
      throw new IllegalArgumentException("split key must be non-blank without '/', got '" + key + "'");
    }
    parents = parents.stream().map(Map::copyOf).toList();
    Objects.requireNonNull(nextParents, "nextParents");
    if (kind != Kind.PARENTS && (!parents.isEmpty() || nextParents.isPresent())) {
      throw new IllegalArgumentException("only a PARENTS split carries parent records");
    }
  }

  /** A part or summary of kind {@code kind} with {@code key}, nothing found or failed yet. */
  public static SplitRole of(Kind kind, String key) {
    return new SplitRole(kind, key, List.of(), Optional.empty(), null, null);
  }

  /** This role with the parent records of its page and the next parent page. */
  public SplitRole withParents(List<Map<String, String>> found, Optional<PageCursor> next) {
    return new SplitRole(kind, key, found, next, errorClass, errorMessage);
  }

  /** This role with a failure. */
  public SplitRole withError(String errorClass, String errorMessage) {
    return new SplitRole(kind, key, parents, nextParents, errorClass, errorMessage);
  }

  /** True for the parts of a fanned-out endpoint (their finish reports go to the enumerator's fan-out). */
  public boolean isPart() {
    return kind == Kind.PARENTS || kind == Kind.CHILD;
  }
}
