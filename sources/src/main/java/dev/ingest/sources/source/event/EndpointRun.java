package dev.ingest.sources.source.event;

/**
 * The outcome of one endpoint in one run: what the runs table ({@code <namespace>._ingest_runs}) stores per row.
 * A Flink POJO.
 */
public class EndpointRun {
  public static final String SUCCEEDED = "SUCCEEDED";
  public static final String FAILED = "FAILED";

  public String runId;
  public String endpoint;
  /** Epoch millis the enumerator created the run. */
  public long runStartedAt;
  /** Epoch millis the endpoint's first request was sent. */
  public long startedAt;
  /** Epoch millis the endpoint finished (last page emitted or failure). */
  public long endedAt;
  public long pages;
  public long requests;
  public long rows;
  /** Wire bytes: response bodies before content decoding (see {@code FetchStats}). */
  public long bytes;
  /** Response bodies after content decoding (un-gzipped). */
  public long decodedBytes;
  public long retries;
  /** Responses that were rate limits (429 and equivalents). */
  public long throttled;
  /** Milliseconds spent waiting on rate limits and backoff. */
  public long waitedMillis;
  /** Number of errors that failed the endpoint (0 or 1 today) plus records that could not be emitted. */
  public long errors;
  /** {@link #SUCCEEDED} or {@link #FAILED}. */
  public String status;
  /** The total of the whole result the API stated in this run ({@code TotalSpec}), or null when it stated none. */
  public Long apiTotal;
  /** The {@code ErrorClass} name when failed, else null. */
  public String errorClass;
  /** A redacted, short error message when failed, else null. */
  public String errorMessage;
  /** The incremental cursor value this run started from, or null. */
  public String cursorStart;
  /**
   * The incremental high-water mark a succeeded run reached (the higher of {@link #cursorStart} and the highest
   * cursor value among its records), or null: failed runs, endpoints without incremental sync, no value yet. The
   * runs table keeps it so the pipeline's next job starts from there.
   */
  public String cursorEnd;

  public EndpointRun() {}

  public long durationMillis() {
    return Math.max(0, endedAt - startedAt);
  }

  @Override
  public String toString() {
    return "EndpointRun{" + endpoint + " run=" + runId + " status=" + status + " rows=" + rows + " pages=" + pages
        + " requests=" + requests + (errorClass == null ? "" : " error=" + errorClass) + "}";
  }
}
