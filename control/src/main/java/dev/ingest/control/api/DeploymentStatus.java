package dev.ingest.control.api;

import java.util.Objects;
import java.util.Optional;

/**
 * What a deployment is doing, as its deployer observes it.
 *
 * @param state the deployer's view
 * @param runInProgress whether a run is fetching right now
 * @param detail a human-readable detail (a failure cause), redacted
 * @param jobUrl where the job is shown in the Flink web UI, when known
 */
public record DeploymentStatus(State state, boolean runInProgress, Optional<String> detail, Optional<String> jobUrl) {
  /** The deployer's view of a deployment. */
  public enum State { RUNNING, PAUSED, FAILED, NOT_FOUND }

  public DeploymentStatus {
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(detail, "detail");
    Objects.requireNonNull(jobUrl, "jobUrl");
  }

  public static DeploymentStatus of(State state, boolean runInProgress) {
    return new DeploymentStatus(state, runInProgress, Optional.empty(), Optional.empty());
  }
}
