package dev.ingest.sources.source.split;

import dev.ingest.sources.fetch.FetchStats;
import dev.ingest.sources.fetch.PageCursor;
import dev.ingest.sources.incremental.CursorState;
import dev.ingest.sources.incremental.IncrementalStart;
import dev.ingest.sources.source.event.EndpointRun;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The mutable position of an {@link ApiSplit} while a reader emits it. Only the record emitter changes it, on the
 * task's main thread, so what a checkpoint snapshots ({@link #toSplit()}) always matches what was emitted:
 *
 * <ul>
 *   <li>{@link #recordEmitted()} after each record: {@code recordsToSkip + 1}, {@code rows + 1};
 *   <li>{@link #pageEnded} after a page's last record: the next page's cursor with {@code recordsToSkip = 0}, and
 *       the page's fetch stats;
 *   <li>{@link #complete} when the split's {@code EndpointRun} was emitted.
 * </ul>
 */
public final class ApiSplitState {
  private final ApiSplit split;
  private PageCursor cursor;
  private long recordsToSkip;
  private SplitProgress progress;
  private long rows;
  private SplitStatus status;
  private String cursorMax;
  private SplitRole role;

  public ApiSplitState(ApiSplit split) {
    this.role = split.role();
    this.cursorMax = split.cursorMax();
    this.split = Objects.requireNonNull(split, "split");
    this.cursor = split.cursor();
    this.recordsToSkip = split.recordsToSkip();
    this.progress = split.progress();
    this.rows = split.progress().rows();
    this.status = split.status();
  }

  /** One more record of the current page was emitted. */
  public void recordEmitted() {
    requireActive();
    recordsToSkip++;
    rows++;
  }

  /**
   * The current page's records were all emitted. Moves to {@code next} (when present) and adds the page's cost.
   *
   * @param fetchStartedAt epoch millis the page's fetch began; becomes the split's start time if it has none
   */
  public void pageEnded(PageCursor next, FetchStats stats, long fetchStartedAt) {
    pageEnded(next, stats, fetchStartedAt, null);
  }

  /**
   * As above; {@code pageCursorMax} (may be null) raises the split's incremental high-water mark (merged with
   * {@link CursorState#merge}: a per-partition state merges partition by partition).
   */
  public void pageEnded(PageCursor next, FetchStats stats, long fetchStartedAt, String pageCursorMax) {
    requireActive();
    cursorMax = CursorState.merge(cursorMax, pageCursorMax);
    markStarted(fetchStartedAt);
    progress = progress.plusPage(stats);
    if (next != null) {
      cursor = next;
      recordsToSkip = 0;
    }
  }

  /**
   * Requests were sent at the cost of {@code stats} (a page about to be emitted, or a failed fetch), without
   * completing a page.
   *
   * @param fetchStartedAt epoch millis the fetch began; becomes the split's start time if it has none
   */
  public void requestsSent(FetchStats stats, long fetchStartedAt) {
    requireActive();
    markStarted(fetchStartedAt);
    progress = progress.plus(stats);
  }

  /** The API stated the result's total: the first statement of the run is kept. */
  public void totalStated(long total) {
    requireActive();
    if (progress.apiTotal() < 0) {
      progress = progress.withApiTotal(total);
    }
  }

  /** Records the time of the split's first request if none is known yet. */
  public void markStarted(long epochMillis) {
    if (progress.startedAt() == 0 && epochMillis > 0) {
      progress = withStartedAt(progress, epochMillis);
    }
  }

  /** A {@code PARENTS} split read its page: the parent records found and the next parent page. */
  public void parentsFound(List<Map<String, String>> parents, Optional<PageCursor> nextParents) {
    requireActive();
    role = role.withParents(parents, nextParents);
  }

  /**
   * Marks a part of a fanned-out endpoint finished without a run summary (the enumerator sums the parts into one);
   * a failure's class and message stay in the split's role for the finish report.
   */
  public void finishPart(SplitStatus outcome, String errorClass, String errorMessage) {
    requireActive();
    if (!outcome.isCompleted()) {
      throw new IllegalArgumentException("not a final status: " + outcome);
    }
    status = outcome;
    if (outcome == SplitStatus.FAILED) {
      role = role.withError(errorClass, errorMessage);
    }
  }

  /** Marks the split finished and returns its summary; the caller emits it in the same step. */
  public EndpointRun complete(SplitStatus outcome, String errorClass, String errorMessage, long endedAt) {
    requireActive();
    if (!outcome.isCompleted()) {
      throw new IllegalArgumentException("not a final status: " + outcome);
    }
    status = outcome;
    SplitProgress p = currentProgress();
    EndpointRun run = new EndpointRun();
    run.runId = split.runId();
    run.endpoint = split.endpoint();
    run.runStartedAt = split.runStartedAt();
    run.startedAt = p.startedAt() == 0 ? endedAt : p.startedAt();
    run.endedAt = endedAt;
    run.pages = p.pages();
    run.requests = p.requests();
    run.rows = p.rows();
    run.bytes = p.bytes();
    run.decodedBytes = p.decodedBytes();
    run.apiTotal = p.apiTotal() < 0 ? null : p.apiTotal();
    run.retries = p.retries();
    run.throttled = p.throttled();
    run.waitedMillis = p.waitedMillis();
    run.errors = outcome == SplitStatus.FAILED ? 1 : 0;
    run.status = outcome == SplitStatus.SUCCEEDED ? EndpointRun.SUCCEEDED : EndpointRun.FAILED;
    run.errorClass = errorClass;
    run.errorMessage = errorMessage;
    run.cursorStart = split.vars().get(IncrementalStart.CURSOR);
    run.cursorEnd = outcome == SplitStatus.SUCCEEDED ? CursorState.merge(run.cursorStart, cursorMax) : null;
    return run;
  }

  /** The immutable split at this position, as a checkpoint stores it. */
  public ApiSplit toSplit() {
    return new ApiSplit(split.pipeline(), split.endpoint(), split.runId(), split.runStartedAt(), cursor,
        recordsToSkip, currentProgress(), status, split.vars(), cursorMax, role);
  }

  public ApiSplit split() {
    return split;
  }

  public PageCursor cursor() {
    return cursor;
  }

  public long recordsToSkip() {
    return recordsToSkip;
  }

  public SplitStatus status() {
    return status;
  }

  public SplitProgress currentProgress() {
    return new SplitProgress(progress.startedAt(), progress.pages(), progress.requests(), rows, progress.bytes(),
        progress.retries(), progress.throttled(), progress.waitedMillis(), progress.decodedBytes(),
        progress.apiTotal());
  }

  private void requireActive() {
    if (status.isCompleted()) {
      throw new IllegalStateException("split " + split.splitId() + " is already " + status);
    }
  }

  private static SplitProgress withStartedAt(SplitProgress p, long startedAt) {
    return new SplitProgress(startedAt, p.pages(), p.requests(), p.rows(), p.bytes(), p.retries(), p.throttled(),
        p.waitedMillis(), p.decodedBytes(), p.apiTotal());
  }

  @Override
  public String toString() {
    return "ApiSplitState{" + toSplit() + "}";
  }
}
