package dev.ingest.control.deploy;

import dev.ingest.control.model.DeploymentStatus;
import dev.ingest.control.model.DeploymentStatus.State;
import java.io.IOException;

/**
 * Turns a job's status and its tasks' states into what the control plane shows. Flink reports a job
 * {@code RUNNING} as soon as it is scheduled, even when none of its tasks got a task slot; such a job is
 * {@link State#DEPLOYING} here ("0 of 3 tasks running (CREATED 3)"), and {@link State#NO_RESOURCES} once Flink's
 * own exception history says it could not get the resources ({@code NoResourceAvailableException}).
 */
public final class JobReadiness {
  static final String NO_RESOURCE = "NoResourceAvailableException";

  /** Reads the job's latest exception, only when it matters (tasks not all running). */
  @FunctionalInterface
  public interface ExceptionSource {
    String rootException() throws IOException;
  }

  private JobReadiness() {}

  /**
   * The status of a job Flink reports in {@code flinkState} (not terminal) with {@code tasks}.
   *
   * @param url the job's web UI link
   */
  public static DeploymentStatus of(String flinkState, TaskCounts tasks, ExceptionSource exceptions, String url) {
    State state = State.ofFlinkJob(flinkState);
    if (state != State.RUNNING && state != State.DEPLOYING || tasks.allRunning()) {
      return new DeploymentStatus(state, flinkState, "").withJobUrl(url);
    }
    String root;
    try {
      root = exceptions.rootException();
    } catch (IOException e) {
      root = "";
    }
    if (root.contains(NO_RESOURCE)) {
      return new DeploymentStatus(State.NO_RESOURCES, flinkState, "the cluster has no free task slot for the job ("
          + tasks.describe() + "): " + root).withJobUrl(url);
    }
    return new DeploymentStatus(State.DEPLOYING, flinkState, tasks.describe()).withJobUrl(url);
  }
}
