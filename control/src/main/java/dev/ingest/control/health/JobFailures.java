package dev.ingest.control.health;

import dev.ingest.control.model.Deployment;
import dev.ingest.control.model.DeploymentStatus;
import dev.ingest.sinks.runs.RunRow;
import java.time.Instant;
import java.util.Optional;

/**
 * A Flink job that failed before it could record a run (it never got resources, could not start, or crashed
 * between runs) is shown as a failed run, so history, chart, health and alerts see it: one row of endpoint
 * {@value HealthEvaluator#JOB}, error class {@code JOB_FAILED}, run id {@code job-<job id>} (recorded once per job).
 */
public final class JobFailures {
  static final String PREFIX = "job-";
  private static final int MAX_RUN_ID = 128;

  private JobFailures() {}

  /** The failed run for a job the deployer reports FAILED; empty for any other state. */
  public static Optional<RunRow> asRun(Deployment deployment, DeploymentStatus status, Instant now) {
    if (status.state() != DeploymentStatus.State.FAILED) {
      return Optional.empty();
    }
    String runId = runId(deployment);
    long t = now.toEpochMilli();
    String message = status.detail().isEmpty() ? "the Flink job failed" : status.detail();
    return Optional.of(new RunRow(runId, HealthEvaluator.JOB, t, t, t, 0, 0, 0, 0, 0, 0, 0, 0, 1, "FAILED",
        "JOB_FAILED", message, null, null, null));
  }

  /** The run id a failed job is recorded under. */
  public static String runId(Deployment deployment) {
    String runId = PREFIX + deployment.id();
    return runId.length() > MAX_RUN_ID ? runId.substring(0, MAX_RUN_ID) : runId;
  }
}
