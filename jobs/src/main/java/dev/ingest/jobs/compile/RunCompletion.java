package dev.ingest.jobs.compile;

import dev.ingest.sinks.refresh.StagedRun;

/**
 * The end of one endpoint run of a full-refresh endpoint, as the parsing operator saw it: what the publisher needs
 * to replace the table with the run's staged rows. A Flink POJO (checkpointed in the publisher's state).
 */
public class RunCompletion {
  public String endpoint;
  public String runId;
  public long rows;
  public long runStartedAt;
  public boolean succeeded;

  public RunCompletion() {}

  RunCompletion(String endpoint, String runId, long rows, long runStartedAt, boolean succeeded) {
    this.endpoint = endpoint;
    this.runId = runId;
    this.rows = rows;
    this.runStartedAt = runStartedAt;
    this.succeeded = succeeded;
  }

  StagedRun stagedRun() {
    return new StagedRun(runId, rows, runStartedAt);
  }

  @Override
  public String toString() {
    return "RunCompletion{" + endpoint + " run=" + runId + " rows=" + rows + " succeeded=" + succeeded + "}";
  }
}
