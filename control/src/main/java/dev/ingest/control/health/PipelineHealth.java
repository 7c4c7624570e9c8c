package dev.ingest.control.health;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A pipeline's health with the facts behind it.
 *
 * @param status the verdict
 * @param lastRunId the latest finished run, if any
 * @param lastRunAt when the latest run started
 * @param lastRunRows rows the latest run landed, over all endpoints
 * @param failingEndpoints endpoints that failed in the latest run, by name
 * @param lastError the first failure of the latest run, if it failed
 * @param failedCredential the secret whose credential the API rejected, when {@link HealthStatus#AUTH_FAILED}
 * @param incompleteEndpoints endpoints of the latest run that succeeded with other row counts than their APIs
 *     stated ({@link HealthStatus#INCOMPLETE})
 */
public record PipelineHealth(
    HealthStatus status,
    Optional<String> lastRunId,
    Optional<Instant> lastRunAt,
    long lastRunRows,
    List<String> failingEndpoints,
    Optional<RunError> lastError,
    Optional<String> failedCredential,
    List<Shortfall> incompleteEndpoints) {

  /** Health without incomplete endpoints. */
  public PipelineHealth(HealthStatus status, Optional<String> lastRunId, Optional<Instant> lastRunAt,
      long lastRunRows, List<String> failingEndpoints, Optional<RunError> lastError,
      Optional<String> failedCredential) {
    this(status, lastRunId, lastRunAt, lastRunRows, failingEndpoints, lastError, failedCredential, List.of());
  }

  public PipelineHealth {
    Objects.requireNonNull(status, "status");
    failingEndpoints = List.copyOf(failingEndpoints);
    incompleteEndpoints = List.copyOf(incompleteEndpoints);
  }

  /**
   * An endpoint whose run landed other than what its API stated.
   *
   * @param endpoint the endpoint
   * @param rows rows the run landed
   * @param apiTotal the total the API stated
   */
  public record Shortfall(String endpoint, long rows, long apiTotal) {}

  /**
   * One endpoint's failure.
   *
   * @param endpoint the endpoint
   * @param errorClass why it failed ({@code AUTH_FAILED}, {@code SERVER_ERROR}, …; see ErrorClass)
   * @param message the error message as recorded (the runtime redacts secrets before recording)
   */
  public record RunError(String endpoint, String errorClass, String message) {}
}
