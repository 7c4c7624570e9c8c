package dev.ingest.control.health;

import java.util.Locale;

/** A pipeline's health, as the API and dashboard show it. */
public enum HealthStatus {
  /** The latest run succeeded for every endpoint. */
  HEALTHY,
  /** Deployed, every task of its job runs, and a run is in progress (or the latest run's result is not in yet). */
  RUNNING,
  /** Deployed, but the job's tasks are not all running yet (starting, or waiting for task slots). */
  STARTING,
  /** Deployed and running, no run has finished yet: the first run (at deploy, or at the first fire time) is due. */
  WAITING_FOR_FIRST_RUN,
  /**
   * The latest run succeeded, but at least one endpoint landed a different number of rows than its API stated
   * for the whole result ({@code api_total}, see the incomplete endpoints).
   */
  INCOMPLETE,
  /**
   * The latest run failed for at least one endpoint, or the job itself failed, is gone, or cannot get task slots
   * (see the last error: endpoint {@code (job)}, class {@code JOB_FAILED}, {@code JOB_GONE}, {@code NO_RESOURCES}).
   */
  FAILING,
  /** The latest run failed because the API rejected the credential (see which credential). */
  AUTH_FAILED,
  /** Deployed but paused by the operator. */
  PAUSED,
  /** Stored but not deployed. */
  UNDEPLOYED;

  /** The lower-case name used in JSON: {@code auth_failed}. */
  public String json() {
    return name().toLowerCase(Locale.ROOT);
  }
}
