package dev.ingest.sources.fetch;

import java.util.Objects;

/**
 * A non-retryable failure of one endpoint (after the retry policy gave up, or at once for auth and 4xx errors).
 * The run records it and goes on with the other endpoints; it never fails the Flink job. The message is already
 * redacted: it never contains a credential.
 */
public class EndpointException extends Exception {
  private final ErrorClass errorClass;
  private final int httpStatus;
  private final FetchStats stats;

  public EndpointException(ErrorClass errorClass, String message) {
    this(errorClass, 0, message, null);
  }

  public EndpointException(ErrorClass errorClass, int httpStatus, String message, Throwable cause) {
    this(errorClass, httpStatus, message, cause, FetchStats.NONE);
  }

  /** As above, with what the failed fetch cost (requests, retries, waits), so run statistics stay exact. */
  public EndpointException(
      ErrorClass errorClass, int httpStatus, String message, Throwable cause, FetchStats stats) {
    super(message, cause);
    this.errorClass = Objects.requireNonNull(errorClass, "errorClass");
    this.httpStatus = httpStatus;
    this.stats = Objects.requireNonNull(stats, "stats");
  }

  public ErrorClass errorClass() {
    return errorClass;
  }

  /** The last HTTP status seen, or 0 when the failure was not an HTTP response. */
  public int httpStatus() {
    return httpStatus;
  }

  /** What the failed page fetch cost before giving up; {@link FetchStats#NONE} when nothing was sent. */
  public FetchStats stats() {
    return stats;
  }
}
