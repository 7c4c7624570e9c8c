package dev.ingest.control.deploy;

import java.util.Objects;

/**
 * What a deployed job is doing.
 *
 * @param state the state
 * @param flinkState the state as Flink or the operator reports it (e.g. {@code RUNNING}, {@code SUSPENDED})
 * @param detail the last error or a note, or empty
 */
public record DeploymentStatus(State state, String flinkState, String detail) {
  public DeploymentStatus {
    Objects.requireNonNull(state, "state");
    flinkState = flinkState == null ? "" : flinkState;
    detail = detail == null ? "" : detail;
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
