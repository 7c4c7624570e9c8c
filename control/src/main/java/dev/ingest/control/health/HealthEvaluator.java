package dev.ingest.control.health;

import dev.ingest.control.model.DeploymentStatus;
import dev.ingest.control.store.PipelineState;
import dev.ingest.sinks.runs.RunRow;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Decides a pipeline's health from what the operator asked (its state), whether a run is in progress, and the
 * endpoint results of its latest finished run. A pure function: no I/O.
 *
 * <p>Order of precedence (the first that applies wins):
 * <ol>
 *   <li>undeployed;
 *   <li>paused (asked for, or the deployer reports the job suspended);
 *   <li>failing with {@code NO_RESOURCES}: the job cannot get task slots;
 *   <li>starting: its tasks are not all running (never "running" for a job with no running task);
 *   <li>running: a run is in progress;
 *   <li>auth failed: the latest run's credential was rejected (names the credential);
 *   <li>failing: the job itself failed or is gone from its cluster (the deployer's detail as {@code last_error} of
 *       endpoint {@code (job)});
 *   <li>waiting for the first run: deployed, no run finished yet;
 *   <li>failing: another failure of the latest run (with the first error);
 *   <li>incomplete: every endpoint succeeded, but one landed other than the total its API stated;
 *   <li>healthy.
 * </ol>
 */
public final class HealthEvaluator {
  static final String SUCCEEDED = "SUCCEEDED";
  static final String AUTH_FAILED = "AUTH_FAILED";

  static final String JOB = "(job)";

  private HealthEvaluator() {}

  /** Health from the stored state and the latest run alone (no deployer observation). */
  public static PipelineHealth evaluate(
      PipelineState state, boolean runInProgress, Optional<String> credential, List<RunRow> latestRun) {
    return evaluate(state, Optional.empty(), runInProgress, credential, latestRun);
  }

  /**
   * Health from the stored state, what the deployer observes of the job (empty when it could not be asked),
   * whether a run is in progress, and the endpoint results of the latest finished run.
   */
  public static PipelineHealth evaluate(PipelineState state, Optional<DeploymentStatus> observed,
      boolean runInProgress, Optional<String> credential, List<RunRow> latestRun) {
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
    List<PipelineHealth.Shortfall> incomplete = latestRun.stream().filter(RunRow::isIncomplete)
        .map(r -> new PipelineHealth.Shortfall(r.endpoint(), r.rows(), r.apiTotal())).toList();

    Optional<DeploymentStatus.State> job = observed.map(DeploymentStatus::state);
    Optional<PipelineHealth.RunError> jobError = observed.flatMap(HealthEvaluator::jobError);
    HealthStatus status;
    if (state == PipelineState.UNDEPLOYED) {
      status = HealthStatus.UNDEPLOYED;
    } else if (state == PipelineState.PAUSED || job.equals(Optional.of(DeploymentStatus.State.PAUSED))) {
      status = HealthStatus.PAUSED;
    } else if (job.equals(Optional.of(DeploymentStatus.State.NO_RESOURCES))) {
      status = HealthStatus.FAILING;
      error = jobError;
    } else if (job.equals(Optional.of(DeploymentStatus.State.DEPLOYING))) {
      status = HealthStatus.STARTING;
    } else if (runInProgress) {
      status = HealthStatus.RUNNING;
    } else if (authFailed) {
      status = HealthStatus.AUTH_FAILED;
    } else if (jobError.isPresent()) {
      status = HealthStatus.FAILING;
      error = jobError;
    } else if (latestRun.isEmpty()) {
      status = HealthStatus.WAITING_FOR_FIRST_RUN;
    } else if (!failed.isEmpty()) {
      status = HealthStatus.FAILING;
    } else if (!incomplete.isEmpty()) {
      status = HealthStatus.INCOMPLETE;
    } else {
      status = HealthStatus.HEALTHY;
    }
    if (authFailed) {
      error = failed.stream().filter(r -> AUTH_FAILED.equals(r.errorClass())).findFirst()
          .map(r -> new PipelineHealth.RunError(r.endpoint(), r.errorClass(),
              r.errorMessage() == null ? "" : r.errorMessage()));
    }
    return new PipelineHealth(status, runId, runAt, rows, failing, error,
        authFailed ? credential : Optional.empty(), incomplete);
  }

  /** The job failed, or its cluster no longer has it: a failure of the pipeline as a whole. */
  private static Optional<PipelineHealth.RunError> jobError(DeploymentStatus job) {
    return switch (job.state()) {
      case NO_RESOURCES -> Optional.of(new PipelineHealth.RunError(JOB, "NO_RESOURCES", job.detail()));
      case FAILED -> Optional.of(new PipelineHealth.RunError(JOB, "JOB_FAILED",
          job.detail().isEmpty() ? "the Flink job failed" : job.detail()));
      case NOT_FOUND, CANCELED -> Optional.of(new PipelineHealth.RunError(JOB, "JOB_GONE",
          "the deployer no longer finds the job (" + (job.detail().isEmpty() ? job.state() : job.detail())
              + "); deploy the pipeline again"));
      default -> Optional.empty();
    };
  }
}
