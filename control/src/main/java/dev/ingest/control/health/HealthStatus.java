package dev.ingest.control.health;

import java.util.Locale;

/** A pipeline's health, as the API and dashboard show it. */
public enum HealthStatus {
  /** The latest run succeeded for every endpoint. */
  HEALTHY,
  /** Deployed and a run is in progress, or deployed and no run has finished yet. */
  RUNNING,
  /**
   * The latest run succeeded, but at least one endpoint landed a different number of rows than its API stated
   * for the whole result ({@code api_total}, see the incomplete endpoints).
   */
  INCOMPLETE,
  /** The latest run failed for at least one endpoint (see the last error). */
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
