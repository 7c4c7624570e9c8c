package dev.ingest.sources.source.enumerator;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Knows whether a run is in progress: the active run's id and the ids of its splits not yet reported finished
 * (pending or assigned). A pipeline has at most one run in progress. Repeated or unknown finish reports are
 * ignored (they happen after restores).
 */
final class RunTracker {
  private static final Logger LOG = LoggerFactory.getLogger(RunTracker.class);

  private final String pipeline;
  private String activeRunId;
  private final Set<String> inFlight = new LinkedHashSet<>();
  private int finished;
  private int failed;
  private long rows;

  RunTracker(String pipeline, Optional<String> activeRunId, Collection<String> inFlightSplitIds) {
    this.pipeline = pipeline;
    this.inFlight.addAll(inFlightSplitIds);
    this.activeRunId = inFlight.isEmpty() ? null : activeRunId.orElse(null);
  }

  /** Starts tracking a run. */
  void start(String runId, Collection<String> splitIds) {
    if (isRunInProgress()) {
      throw new IllegalStateException("run " + activeRunId + " is still in progress; cannot start " + runId);
    }
    activeRunId = runId;
    inFlight.clear();
    inFlight.addAll(splitIds);
    finished = 0;
    failed = 0;
    rows = 0;
  }

  /** Records a finished split; true if it was the last one of the active run. */
  boolean splitFinished(SplitFinishedEvent event) {
    return finish(event.splitId(), event.succeeded(), event.rows(), true);
  }

  /**
   * Records a finished part of a fanned-out endpoint (its rows and outcome count with its summary split); true if
   * it was the last split of the active run.
   */
  boolean partFinished(String splitId) {
    return finish(splitId, true, 0, false);
  }

  /** True when {@code splitId} belongs to the active run and was not reported finished yet. */
  boolean isInFlight(String splitId) {
    return inFlight.contains(splitId);
  }

  /** Adds splits created while the active run is in progress (the parts of a fanned-out endpoint). */
  void add(Collection<String> splitIds) {
    if (!splitIds.isEmpty() && !isRunInProgress()) {
      throw new IllegalStateException("no run in progress to add " + splitIds + " to");
    }
    inFlight.addAll(splitIds);
  }

  private boolean finish(String splitId, boolean succeeded, long splitRows, boolean endpointDone) {
    if (!inFlight.remove(splitId)) {
      LOG.debug("pipeline {}: ignoring finish of {} (not in flight; repeated after a restore?)", pipeline, splitId);
      return false;
    }
    finished += endpointDone ? 1 : 0;
    failed += succeeded ? 0 : 1;
    rows += splitRows;
    if (!inFlight.isEmpty()) {
      return false;
    }
    LOG.info("pipeline {}: run {} finished: {} endpoint(s) reported here, {} failed, {} rows", pipeline,
        activeRunId, finished, failed, rows);
    activeRunId = null;
    return true;
  }

  boolean isRunInProgress() {
    return !inFlight.isEmpty();
  }

  Optional<String> activeRunId() {
    return Optional.ofNullable(activeRunId);
  }

  /** Split ids of the active run not yet finished. */
  Set<String> inFlight() {
    return Set.copyOf(inFlight);
  }
}
