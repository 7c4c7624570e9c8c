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
 */
public record PipelineHealth(
    HealthStatus status,
    Optional<String> lastRunId,
    Optional<Instant> lastRunAt,
    long lastRunRows,
    List<String> failingEndpoints,
    Optional<RunError> lastError,
    Optional<String> failedCredential) {

  public PipelineHealth {
    Objects.requireNonNull(status, "status");
    failingEndpoints = List.copyOf(failingEndpoints);
  }

  /**
   * One endpoint's failure.
   *
   * @param endpoint the endpoint
   * @param errorClass why it failed ({@code AUTH_FAILED}, {@code SERVER_ERROR}, …; see ErrorClass)
   * @param message the error message as recorded (the runtime redacts secrets before recording)
   */
  public record RunError(String endpoint, String errorClass, String message) {}
}
