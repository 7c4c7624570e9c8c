package dev.ingest.control.model;

import java.util.Objects;
import java.util.Optional;

/**
 * What a deployed job is doing, as its deployer observes it.
 *
 * @param state the state
 * @param flinkState the state as Flink or the operator reports it (e.g. {@code RUNNING}, {@code SUSPENDED})
 * @param detail the last error or a note, or empty; never a secret
 * @param runInProgress whether the deployer knows that a run is fetching right now (deployers that run each
 *     tick as its own job know; a long-running scheduled job reports its runs through the runs table only)
 * @param jobUrl where the job is shown in the Flink web UI, or empty when there is no UI the deployer knows of
 */
public record DeploymentStatus(State state, String flinkState, String detail, boolean runInProgress, String jobUrl) {
  public DeploymentStatus {
    Objects.requireNonNull(state, "state");
    flinkState = flinkState == null ? "" : flinkState;
    detail = detail == null ? "" : detail;
    jobUrl = jobUrl == null ? "" : jobUrl;
  }

  /** A status without a run-in-progress flag or UI link. */
  public DeploymentStatus(State state, String flinkState, String detail) {
    this(state, flinkState, detail, false, "");
  }

  /** This status with a link to the job in the Flink web UI. */
  public DeploymentStatus withJobUrl(String url) {
    return new DeploymentStatus(state, flinkState, detail, runInProgress, url);
  }

  /** The Flink web UI link, when known. */
  public Optional<String> webUrl() {
    return jobUrl.isEmpty() ? Optional.empty() : Optional.of(jobUrl);
  }

  /** Whether the job is submitted and not yet running or running (a run-now job still fetching). */
  public boolean active() {
    return state == State.DEPLOYING || state == State.RUNNING;
  }

  /** The states the control plane distinguishes. */
  public enum State {
    /** Submitted; not running yet (created, scheduling, restarting, operator reconciling). */
    DEPLOYING,
    RUNNING,
    /** Stopped with a savepoint; resume continues from it. */
    PAUSED,
    /** A bounded run ended. */
    FINISHED,
    FAILED,
    /**
     * Submitted, but its tasks cannot get task slots: Flink gave up waiting ({@code NoResourceAvailableException}),
     * or they sat {@code CREATED}/{@code SCHEDULED} longer than the control plane's bound.
     */
    NO_RESOURCES,
    CANCELED,
    /** The cluster knows no such job. */
    NOT_FOUND;

    /** Maps a Flink {@code JobStatus} name. */
    public static State ofFlinkJob(String jobStatus) {
      return switch (jobStatus) {
        case "RUNNING" -> RUNNING;
        case "FINISHED" -> FINISHED;
        case "FAILED" -> FAILED;
        case "CANCELED", "CANCELLING" -> CANCELED;
        case "SUSPENDED" -> PAUSED;
        default -> DEPLOYING; // INITIALIZING, CREATED, RESTARTING, FAILING, RECONCILING
      };
    }
  }
}
