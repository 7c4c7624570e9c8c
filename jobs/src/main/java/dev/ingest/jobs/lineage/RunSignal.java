package dev.ingest.jobs.lineage;

import dev.ingest.sources.source.event.EndpointRun;

/**
 * What the parsing operator tells the lineage operator: a run was seen ({@link #STARTED}), or one endpoint of it
 * ended ({@link #ENDPOINT_ENDED}, with its counts). Also the lineage operator's checkpointed state, where
 * {@link #checkpointId} marks a run whose end a checkpoint holds. A Flink POJO.
 */
public class RunSignal {
  public static final byte STARTED = 0;
  public static final byte ENDPOINT_ENDED = 1;
  /** {@link #checkpointId} of a run whose end no checkpoint holds yet. */
  public static final long NOT_ENDED = -1;

  /** {@link #STARTED} or {@link #ENDPOINT_ENDED}. */
  public byte kind;
  public String runId;
  /** Epoch millis the enumerator created the run. */
  public long runStartedAt;
  /** The endpoint that ended; null for {@link #STARTED}. */
  public String endpoint;
  /** {@code SUCCEEDED} or {@code FAILED}; null for {@link #STARTED}. */
  public String status;
  /** The error class of a failed endpoint, else null (never a message: messages stay in the runs table). */
  public String errorClass;
  /** Records the API returned. */
  public long rowsRead;
  /** Rows that landed in the table (records minus dead letters). */
  public long rowsLanded;
  /** Response body bytes on the wire. */
  public long bytes;
  /** Epoch millis the endpoint ended. */
  public long endedAt;
  /** State only: the checkpoint that holds the end of this signal's run, or {@link #NOT_ENDED}. */
  public long checkpointId = NOT_ENDED;

  public RunSignal() {}

  /** A run was seen by a parsing subtask. */
  public static RunSignal started(String runId, long runStartedAt) {
    RunSignal s = new RunSignal();
    s.kind = STARTED;
    s.runId = runId;
    s.runStartedAt = runStartedAt;
    return s;
  }

  /** {@code run} ended; {@code rowsLanded} are its rows without the dead letters. */
  public static RunSignal ended(EndpointRun run, long rowsLanded) {
    RunSignal s = new RunSignal();
    s.kind = ENDPOINT_ENDED;
    s.runId = run.runId;
    s.runStartedAt = run.runStartedAt;
    s.endpoint = run.endpoint;
    s.status = run.status;
    s.errorClass = run.errorClass;
    s.rowsRead = run.rows;
    s.rowsLanded = rowsLanded;
    s.bytes = run.bytes;
    s.endedAt = run.endedAt;
    return s;
  }

  /** True when the endpoint succeeded. */
  public boolean succeeded() {
    return EndpointRun.SUCCEEDED.equals(status);
  }

  @Override
  public String toString() {
    return kind == STARTED ? "RunSignal{started " + runId + "}"
        : "RunSignal{" + endpoint + " run=" + runId + " " + status + " rows=" + rowsLanded + "}";
  }
}
