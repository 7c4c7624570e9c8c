package dev.ingest.sources.source.enumerator;

import dev.ingest.sources.fetch.ErrorClass;
import dev.ingest.sources.fetch.PageCursor;
import dev.ingest.sources.source.split.ApiSplit;
import dev.ingest.sources.source.split.CursorText;
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
  private final Map<String, Integer> parentPageLimits;

  /**
   * @param restored the fan-outs of the active run, from a checkpoint (empty for a fresh job)
   * @param parentPageLimits per fanned-out endpoint, the most parent pages one run may walk (its parent's
   *     {@code max_pages}); an endpoint without an entry is not capped
   */
  FanOuts(Map<String, FanOutProgress> restored, Map<String, Integer> parentPageLimits) {
    this.byEndpoint = new HashMap<>(restored);
    this.parentPageLimits = Map.copyOf(parentPageLimits);
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
   * The next parent page is judged by the endpoint's {@link ParentWalk} first: a repeated page fails the endpoint
   * with {@code PAGINATION} and fans out nothing more (the page's parents are the repeat's, their children would
   * land twice); a page over the cap fails it after fanning out the page that reached the cap.
   */
  List<ApiSplit> partFinished(ApiSplit part) {
    FanOutProgress progress = byEndpoint.get(part.endpoint());
    if (progress == null) {
      LOG.warn("ignoring the finished part {}: its endpoint is not fanned out in this run", part.splitId());
      return List.of();
    }
    List<ApiSplit> next = new ArrayList<>();
    FanOutProgress walked = progress;
    if (part.role().kind() == SplitRole.Kind.PARENTS && part.status() == SplitStatus.SUCCEEDED) {
      long page = Long.parseLong(part.role().key().substring(1));
      List<Map<String, String>> parents = part.role().parents();
      Optional<PageCursor> nextPage = part.role().nextParents();
      int maxPages = parentPageLimits.getOrDefault(part.endpoint(), Integer.MAX_VALUE);
      ParentWalk.Step step = nextPage.map(c -> progress.walk().judge(page + 1, parents.isEmpty(), c, maxPages))
          .orElse(ParentWalk.Step.NEXT);
      if (step != ParentWalk.Step.LOOP) {
        for (int i = 0; i < parents.size(); i++) {
          Map<String, String> vars = new HashMap<>(progress.vars());
          vars.putAll(parents.get(i));
          next.add(part(part, PageCursor.first(), vars, SplitRole.Kind.CHILD, page + "." + i));
        }
      }
      if (step == ParentWalk.Step.NEXT && nextPage.isPresent()) {
        next.add(part(part, nextPage.get(), progress.vars(), SplitRole.Kind.PARENTS, "p" + (page + 1)));
        walked = progress.withWalk(progress.walk().walked(nextPage.get(), parents.isEmpty()));
      } else if (step != ParentWalk.Step.NEXT) {
        walked = progress.failed(ErrorClass.PAGINATION.name(), paginationMessage(part, step, page, maxPages));
        LOG.warn("pipeline {}: {}", part.pipeline(), walked.errorMessage());
      }
    }
    FanOutProgress updated = walked.plus(part, next.size());
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

  private static String paginationMessage(ApiSplit part, ParentWalk.Step step, long page, int maxPages) {
    if (step == ParentWalk.Step.LOOP) {
      return "pagination loop in endpoint '" + part.endpoint() + "': parent page " + (page + 1)
          + " points to a parent page already requested in this run ("
          + CursorText.describe(part.role().nextParents().orElseThrow()) + "); its "
          + part.role().parents().size() + " parent record(s) were not fanned out";
    }
    return "endpoint '" + part.endpoint() + "' walks more than max_pages (" + maxPages
        + ") pages of its parent; raise the parent's paging.max_pages if that is expected";
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
