package dev.ingest.sources.source.enumerator;

import dev.ingest.sources.paging.PageCursor;
import dev.ingest.sources.source.split.ApiSplit;
import dev.ingest.sources.source.split.SplitProgress;
import dev.ingest.sources.source.split.SplitRole;
import dev.ingest.sources.source.split.SplitStatus;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fans out the endpoints with a parent over the readers: one split per parent page walks the parent, one split per
 * parent record reads its children, and a summary split emits the endpoint's run summary once every part finished
 * (see {@link SplitRole}). It only creates splits; the enumerator tracks and assigns them. Its state (one
 * {@link FanOutProgress} per fanned-out endpoint of the active run) is checkpointed with the enumerator's.
 *
 * <p>Part keys are deterministic ({@code p<n>} for the n-th parent page, {@code <n>.<i>} for the i-th parent of
 * it), so a part is never created twice: it is created only when the part before it is first reported finished.
 */
final class FanOuts {
  private static final Logger LOG = LoggerFactory.getLogger(FanOuts.class);
  static final String SUMMARY_KEY = "summary";

  private final Map<String, FanOutProgress> byEndpoint;

  FanOuts(Map<String, FanOutProgress> restored) {
    this.byEndpoint = new HashMap<>(restored);
  }

  /** The first split of a fanned-out endpoint in a new run: its first parent page. */
  ApiSplit start(String pipeline, String endpoint, String runId, long runStartedAt, Map<String, String> vars) {
    byEndpoint.put(endpoint, FanOutProgress.started(vars));
    return ApiSplit.start(pipeline, endpoint, runId, runStartedAt, PageCursor.first(), vars, SplitProgress.NONE,
        SplitRole.of(SplitRole.Kind.PARENTS, "p0"));
  }

  /**
   * A part was reported finished for the first time: the splits it leads to. A parent page leads to one child
   * split per parent record and the next parent page; the last part of an endpoint leads to its summary split.
   */
  List<ApiSplit> partFinished(ApiSplit part) {
    FanOutProgress progress = byEndpoint.get(part.endpoint());
    if (progress == null) {
      LOG.warn("ignoring the finished part {}: its endpoint is not fanned out in this run", part.splitId());
      return List.of();
    }
    List<ApiSplit> next = new ArrayList<>();
    if (part.role().kind() == SplitRole.Kind.PARENTS && part.status() == SplitStatus.SUCCEEDED) {
      long page = Long.parseLong(part.role().key().substring(1));
      List<Map<String, String>> parents = part.role().parents();
      for (int i = 0; i < parents.size(); i++) {
        Map<String, String> vars = new HashMap<>(progress.vars());
        vars.putAll(parents.get(i));
        next.add(part(part, PageCursor.first(), vars, SplitRole.Kind.CHILD, page + "." + i));
      }
      Optional<PageCursor> nextPage = part.role().nextParents();
      nextPage.ifPresent(cursor -> next.add(part(part, cursor, progress.vars(), SplitRole.Kind.PARENTS,
          "p" + (page + 1))));
    }
    FanOutProgress updated = progress.plus(part, next.size());
    if (updated.open() > 0) {
      byEndpoint.put(part.endpoint(), updated);
      return next;
    }
    byEndpoint.remove(part.endpoint());
    SplitRole summary = SplitRole.of(SplitRole.Kind.SUMMARY, SUMMARY_KEY)
        .withError(updated.errorClass(), updated.errorMessage());
    return List.of(new ApiSplit(part.pipeline(), part.endpoint(), part.runId(), part.runStartedAt(),
        PageCursor.first(), 0, updated.total(), SplitStatus.ACTIVE, updated.vars(), updated.cursorMax(), summary));
  }

  private static ApiSplit part(ApiSplit from, PageCursor cursor, Map<String, String> vars, SplitRole.Kind kind,
      String key) {
    return ApiSplit.start(from.pipeline(), from.endpoint(), from.runId(), from.runStartedAt(), cursor, vars,
        SplitProgress.NONE, SplitRole.of(kind, key));
  }

  /** True when no fanned-out endpoint is in progress (none can create splits). */
  boolean isIdle() {
    return byEndpoint.isEmpty();
  }

  /** The state to checkpoint. */
  Map<String, FanOutProgress> snapshot() {
    return Map.copyOf(byEndpoint);
  }
}
