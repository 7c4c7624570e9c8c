package dev.ingest.sources.source.enumerator;

import dev.ingest.sources.source.request.RunRequestMark;
import dev.ingest.sources.source.split.ApiSplit;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The enumerator's checkpointed state.
 *
 * @param nextRunSequence sequence number of the next run (1 for a job that never created one)
 * @param lastFireTime the last cron fire time processed (run started or skipped); empty before the first start
 * @param pendingSplits splits created but not yet assigned to a reader
 * @param activeRunId the run in progress, if any
 * @param inFlightSplitIds split ids of the active run not yet reported finished (pending or assigned), so "a run
 *     is in progress" survives a restore
 * @param incrementalCursors per-endpoint high-water marks of the last successful runs; the next run's splits
 *     start from them
 * @param fanOuts the fanned-out endpoints of the active run and where each stands (see {@link FanOuts})
 * @param runRequests the run requests accepted and started (see {@link RunRequests}): restored with the rest, so a
 *     request accepted before the checkpoint is neither lost nor accepted again
 */
public record ApiEnumState(
    long nextRunSequence,
    Optional<Instant> lastFireTime,
    List<ApiSplit> pendingSplits,
    Optional<String> activeRunId,
    Set<String> inFlightSplitIds,
    Map<String, String> incrementalCursors,
    Map<String, FanOutProgress> fanOuts,
    RunRequestMark runRequests) {

  /** A state that has accepted no run request. */
  public ApiEnumState(long nextRunSequence, Optional<Instant> lastFireTime, List<ApiSplit> pendingSplits,
      Optional<String> activeRunId, Set<String> inFlightSplitIds, Map<String, String> incrementalCursors,
      Map<String, FanOutProgress> fanOuts) {
    this(nextRunSequence, lastFireTime, pendingSplits, activeRunId, inFlightSplitIds, incrementalCursors, fanOuts,
        RunRequestMark.NONE);
  }

  /** A state without fanned-out endpoints in progress. */
  public ApiEnumState(long nextRunSequence, Optional<Instant> lastFireTime, List<ApiSplit> pendingSplits,
      Optional<String> activeRunId, Set<String> inFlightSplitIds, Map<String, String> incrementalCursors) {
    this(nextRunSequence, lastFireTime, pendingSplits, activeRunId, inFlightSplitIds, incrementalCursors, Map.of());
  }

  public ApiEnumState {
    if (nextRunSequence < 1) {
      throw new IllegalArgumentException("nextRunSequence must be >= 1, got " + nextRunSequence);
    }
    Objects.requireNonNull(lastFireTime, "lastFireTime");
    pendingSplits = List.copyOf(pendingSplits);
    Objects.requireNonNull(activeRunId, "activeRunId");
    inFlightSplitIds = Collections.unmodifiableSet(new LinkedHashSet<>(inFlightSplitIds));
    incrementalCursors = Map.copyOf(incrementalCursors);
    fanOuts = Map.copyOf(fanOuts);
    Objects.requireNonNull(runRequests, "runRequests");
  }

  /** The state of a job that has not started yet. */
  public static ApiEnumState initial() {
    return initial(Map.of());
  }

  /**
   * The state of a job that has not started yet, whose endpoints start from the high-water marks of earlier jobs
   * of the pipeline (read from its runs table).
   */
  public static ApiEnumState initial(Map<String, String> incrementalCursors) {
    return new ApiEnumState(1, Optional.empty(), List.of(), Optional.empty(), Set.of(), incrementalCursors, Map.of());
  }
}
