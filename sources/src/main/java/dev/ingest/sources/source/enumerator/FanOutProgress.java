package dev.ingest.sources.source.enumerator;

import dev.ingest.sources.incremental.CursorState;
import dev.ingest.sources.source.split.ApiSplit;
import dev.ingest.sources.source.split.SplitProgress;
import dev.ingest.sources.source.split.SplitStatus;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Where one fanned-out endpoint of the active run stands (checkpointed in {@link ApiEnumState}): the sum of its
 * finished parts, its first failure, how many of its parts are still open (created, not yet reported) and where
 * its walk over the parent's pages stands.
 *
 * @param vars the endpoint's fetch vars at run creation (incremental start), given to every part
 * @param total the summed progress of the finished parts
 * @param cursorMax the finished parts' incremental marks merged ({@link CursorState#merge}: the highest value, or a
 *     per-partition state merged partition by partition), or null
 * @param errorClass the first failed part's error class, or null
 * @param errorMessage that part's redacted message, or null
 * @param open parts created but not finished; the summary is due when it reaches 0
 * @param walk the loop guard and page cap of the walk over the parent's pages, across all parent page parts
 */
public record FanOutProgress(
    Map<String, String> vars, SplitProgress total, String cursorMax, String errorClass, String errorMessage,
    long open, ParentWalk walk) {

  /**
   * A progress without a record of the parent pages requested (as restored from a checkpoint written before the
   * walk was kept): its loop guard starts from the next parent page.
   */
  public FanOutProgress(Map<String, String> vars, SplitProgress total, String cursorMax, String errorClass,
      String errorMessage, long open) {
    this(vars, total, cursorMax, errorClass, errorMessage, open, new ParentWalk(Set.of(), 0));
  }

  public FanOutProgress {
    vars = Map.copyOf(vars);
    Objects.requireNonNull(total, "total");
    if (open < 0) {
      throw new IllegalArgumentException("open must be >= 0, got " + open);
    }
    Objects.requireNonNull(walk, "walk");
  }

  /** A fanned-out endpoint whose first parent page was just created. */
  static FanOutProgress started(Map<String, String> vars) {
    return new FanOutProgress(vars, SplitProgress.NONE, null, null, null, 1, ParentWalk.started());
  }

  /** This progress with {@code part} finished and {@code created} new parts opened. */
  FanOutProgress plus(ApiSplit part, int created) {
    boolean failed = part.status() == SplitStatus.FAILED;
    FanOutProgress summed = new FanOutProgress(vars, sum(total, part.progress()),
        CursorState.merge(cursorMax, part.cursorMax()), errorClass, errorMessage, open - 1 + created, walk);
    return failed ? summed.failed(part.role().errorClass(), part.role().errorMessage()) : summed;
  }

  /** This progress with a failure of the endpoint, unless it failed before (the first failure is kept). */
  FanOutProgress failed(String failureClass, String failureMessage) {
    return errorClass != null ? this
        : new FanOutProgress(vars, total, cursorMax, failureClass, failureMessage, open, walk);
  }

  /** This progress with {@code replaced} as its summed stats. */
  FanOutProgress withTotal(SplitProgress replaced) {
    return new FanOutProgress(vars, replaced, cursorMax, errorClass, errorMessage, open, walk);
  }

  /** This progress with the walk over the parent's pages moved on. */
  FanOutProgress withWalk(ParentWalk moved) {
    return new FanOutProgress(vars, total, cursorMax, errorClass, errorMessage, open, moved);
  }

  private static SplitProgress sum(SplitProgress a, SplitProgress b) {
    long startedAt = a.startedAt() == 0 ? b.startedAt()
        : b.startedAt() == 0 ? a.startedAt() : Math.min(a.startedAt(), b.startedAt());
    return new SplitProgress(startedAt, a.pages() + b.pages(), a.requests() + b.requests(), a.rows() + b.rows(),
        a.bytes() + b.bytes(), a.retries() + b.retries(), a.throttled() + b.throttled(),
        a.waitedMillis() + b.waitedMillis(), a.decodedBytes() + b.decodedBytes());
  }
}
