package dev.ingest.sources.source.request;

import java.io.Serializable;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a job stands with the run requests of its pipeline: part of the enumerator's checkpointed state, and what
 * each poll reports to the control plane. Request ids increase; every request up to {@code acceptedThrough} was
 * accepted, every one up to {@code startedThrough} has its run ({@code startedRun}, the latest such run) started.
 * Requests in {@code (startedThrough, acceptedThrough]} wait for the run in progress to end and then share one
 * run (coalesced).
 *
 * @param acceptedThrough the highest request id accepted (0: none yet)
 * @param startedThrough the highest request id whose run has started (0: none yet); at most {@code acceptedThrough}
 * @param startedRun the run id started for the requests up to {@code startedThrough}; empty when none has started
 */
public record RunRequestMark(long acceptedThrough, long startedThrough, Optional<String> startedRun)
    implements Serializable {
  /** A job that has accepted no request. */
  public static final RunRequestMark NONE = new RunRequestMark(0, 0, Optional.empty());

  public RunRequestMark {
    Objects.requireNonNull(startedRun, "startedRun");
    if (startedThrough < 0 || acceptedThrough < startedThrough) {
      throw new IllegalArgumentException("run request mark: need 0 <= startedThrough (" + startedThrough
          + ") <= acceptedThrough (" + acceptedThrough + ")");
    }
    if (startedRun.isPresent() != (startedThrough > 0)) {
      throw new IllegalArgumentException("run request mark: startedRun must be set exactly when startedThrough > 0, "
          + "got startedThrough " + startedThrough + " and startedRun " + startedRun);
    }
  }

  /** True when an accepted request still waits for its run to start. */
  public boolean waiting() {
    return acceptedThrough > startedThrough;
  }

  /** This mark with the requests up to {@code requestId} accepted (a lower or equal id changes nothing). */
  public RunRequestMark accepted(long requestId) {
    return requestId <= acceptedThrough ? this : new RunRequestMark(requestId, startedThrough, startedRun);
  }

  /** This mark with a run started for every accepted request. */
  public RunRequestMark started(String runId) {
    return new RunRequestMark(acceptedThrough, acceptedThrough, Optional.of(Objects.requireNonNull(runId, "runId")));
  }
}
