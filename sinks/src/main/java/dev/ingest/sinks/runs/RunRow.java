package dev.ingest.sinks.runs;

import java.io.Serializable;
import java.util.Objects;

/**
 * One row of the {@value RunsTable#NAME} table: what one run of one endpoint did. Times are epoch milliseconds.
 *
 * @param runId the run (shared by all endpoints of one scheduled tick)
 * @param endpoint the endpoint, e.g. {@code asana.tasks}
 * @param runStartedAt when the run (the tick) started
 * @param startedAt when this endpoint's fetching started
 * @param endedAt when it ended
 * @param durationMs wall time of this endpoint's part of the run
 * @param pages pages fetched
 * @param requests HTTP requests sent: every attempt, retries and failed attempts included
 * @param rows records emitted
 * @param bytes wire bytes: response bodies as received, before content decoding (gzip size when compressed)
 * @param retries requests retried
 * @param throttled responses that asked to slow down (429 and the like)
 * @param waitedMillis time spent waiting for rate limits and backoff
 * @param errors errors seen (including retried ones)
 * @param status final status, e.g. {@code SUCCEEDED}, {@code FAILED}
 * @param errorClass class of the final error, or null
 * @param errorMessage message of the final error, or null
 * @param cursorStart the incremental cursor the run started from, or null
 * @param cursorEnd the incremental high-water mark a succeeded run reached (the higher of {@code cursorStart} and
 *     the highest cursor value among its records); null for failed runs and endpoints without incremental sync.
 *     The next job of the pipeline starts the endpoint from the latest succeeded run's value.
 * @param decodedBytes response bodies after content decoding (un-gzipped); null when not known (rows written
 *     before the column existed)
 * @param apiTotal the total of the whole result the API stated in the run (connector key {@code total}); null
 *     when it stated none. A succeeded run whose {@code rows} differ from it is incomplete.
 */
public record RunRow(
    String runId,
    String endpoint,
    long runStartedAt,
    long startedAt,
    long endedAt,
    long durationMs,
    long pages,
    long requests,
    long rows,
    long bytes,
    long retries,
    long throttled,
    long waitedMillis,
    long errors,
    String status,
    String errorClass,
    String errorMessage,
    String cursorStart,
    String cursorEnd,
    Long decodedBytes,
    Long apiTotal)
    implements Serializable {

  /** A row of an endpoint whose API states no total. */
  public RunRow(String runId, String endpoint, long runStartedAt, long startedAt, long endedAt, long durationMs,
      long pages, long requests, long rows, long bytes, long retries, long throttled, long waitedMillis, long errors,
      String status, String errorClass, String errorMessage, String cursorStart, String cursorEnd,
      Long decodedBytes) {
    this(runId, endpoint, runStartedAt, startedAt, endedAt, durationMs, pages, requests, rows, bytes, retries,
        throttled, waitedMillis, errors, status, errorClass, errorMessage, cursorStart, cursorEnd, decodedBytes,
        null);
  }

  /**
   * True when the run succeeded, the API stated a total and the rows differ from it: what landed is not what the
   * API holds.
   */
  public boolean isIncomplete() {
    return apiTotal != null && "SUCCEEDED".equals(status) && rows != apiTotal;
  }

  /** A row without a decoded-bytes figure. */
  public RunRow(String runId, String endpoint, long runStartedAt, long startedAt, long endedAt, long durationMs,
      long pages, long requests, long rows, long bytes, long retries, long throttled, long waitedMillis, long errors,
      String status, String errorClass, String errorMessage, String cursorStart, String cursorEnd) {
    this(runId, endpoint, runStartedAt, startedAt, endedAt, durationMs, pages, requests, rows, bytes, retries,
        throttled, waitedMillis, errors, status, errorClass, errorMessage, cursorStart, cursorEnd, (Long) null);
  }

  /** A row without a high-water mark (failed runs, endpoints without incremental sync). */
  public RunRow(String runId, String endpoint, long runStartedAt, long startedAt, long endedAt, long durationMs,
      long pages, long requests, long rows, long bytes, long retries, long throttled, long waitedMillis, long errors,
      String status, String errorClass, String errorMessage, String cursorStart) {
    this(runId, endpoint, runStartedAt, startedAt, endedAt, durationMs, pages, requests, rows, bytes, retries,
        throttled, waitedMillis, errors, status, errorClass, errorMessage, cursorStart, null, (Long) null);
  }

  /** Checks the required fields. */
  public RunRow {
    Objects.requireNonNull(runId, "runId");
    Objects.requireNonNull(endpoint, "endpoint");
    Objects.requireNonNull(status, "status");
  }
}
