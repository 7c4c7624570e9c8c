package dev.ingest.sinks.refresh;

import java.io.Serializable;
import java.util.Objects;

/**
 * A finished run of a full-refresh endpoint, as its run summary reports it.
 *
 * @param runId the run id ({@code _ingest_run_id} of its rows)
 * @param rows the rows the run landed (records fetched minus dead letters)
 * @param runStartedAtMillis when the run started; a run never replaces a later one
 */
public record StagedRun(String runId, long rows, long runStartedAtMillis) implements Serializable {
  public StagedRun {
    Objects.requireNonNull(runId, "runId");
    if (rows < 0) {
      throw new IllegalArgumentException("rows must not be negative, was " + rows);
    }
  }
}
