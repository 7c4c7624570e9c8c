package dev.ingest.control.health;

import dev.ingest.control.store.PipelineState;
import dev.ingest.sinks.runs.RunRow;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Decides a pipeline's health from what the operator asked (its state), whether a run is in progress, and the
 * endpoint results of its latest finished run. A pure function: no I/O.
 *
 * <p>Order of precedence: undeployed, paused, run in progress, auth failure (names the credential), other
 * failure (with the first error), healthy. A deployed pipeline with no finished run yet is running.
 */
public final class HealthEvaluator {
  static final String SUCCEEDED = "SUCCEEDED";
  static final String AUTH_FAILED = "AUTH_FAILED";

  private HealthEvaluator() {}

  public static PipelineHealth evaluate(
      PipelineState state, boolean runInProgress, Optional<String> credential, List<RunRow> latestRun) {
    Optional<String> runId = latestRun.stream().map(RunRow::runId).findFirst();
    Optional<Instant> runAt = latestRun.stream().map(r -> Instant.ofEpochMilli(r.runStartedAt())).findFirst();
    long rows = latestRun.stream().mapToLong(RunRow::rows).sum();
    List<RunRow> failed = latestRun.stream().filter(r -> !SUCCEEDED.equals(r.status())).toList();
    List<String> failing = failed.stream().map(RunRow::endpoint).toList();
    Optional<PipelineHealth.RunError> error = failed.stream()
        .map(r -> new PipelineHealth.RunError(r.endpoint(), r.errorClass() == null ? r.status() : r.errorClass(),
            r.errorMessage() == null ? "" : r.errorMessage()))
        .findFirst();
    boolean authFailed = failed.stream().anyMatch(r -> AUTH_FAILED.equals(r.errorClass()));

    HealthStatus status;
    if (state == PipelineState.UNDEPLOYED) {
      status = HealthStatus.UNDEPLOYED;
    } else if (state == PipelineState.PAUSED) {
      status = HealthStatus.PAUSED;
    } else if (runInProgress || latestRun.isEmpty()) {
      status = HealthStatus.RUNNING;
    } else if (authFailed) {
      status = HealthStatus.AUTH_FAILED;
    } else if (!failed.isEmpty()) {
      status = HealthStatus.FAILING;
    } else {
      status = HealthStatus.HEALTHY;
    }
    if (authFailed) {
      error = failed.stream().filter(r -> AUTH_FAILED.equals(r.errorClass())).findFirst()
          .map(r -> new PipelineHealth.RunError(r.endpoint(), r.errorClass(),
              r.errorMessage() == null ? "" : r.errorMessage()));
    }
    return new PipelineHealth(status, runId, runAt, rows, failing, error,
        authFailed ? credential : Optional.empty());
  }
}
