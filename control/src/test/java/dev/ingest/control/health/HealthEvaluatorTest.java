package dev.ingest.control.health;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ingest.control.model.DeploymentStatus;
import dev.ingest.control.store.PipelineState;
import dev.ingest.sinks.runs.RunRow;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HealthEvaluatorTest {
  private static final Optional<String> SECRET = Optional.of("crm-token");

  static RunRow row(String endpoint, String status, String errorClass, long rows) {
    return new RunRow("r9", endpoint, 5_000, 5_000, 6_000, 1_000, 1, 1, rows, 10, 0, 0, 0,
        errorClass == null ? 0 : 1, status, errorClass, errorClass == null ? null : errorClass + " on " + endpoint, null);
  }

  @Test
  void allSucceededIsHealthyWithTheRunsRows() {
    PipelineHealth h = HealthEvaluator.evaluate(PipelineState.DEPLOYED, false, SECRET,
        List.of(row("a", "SUCCEEDED", null, 3), row("b", "SUCCEEDED", null, 4)));

    assertThat(h.status()).isEqualTo(HealthStatus.HEALTHY);
    assertThat(h.lastRunRows()).isEqualTo(7);
    assertThat(h.lastRunId()).contains("r9");
    assertThat(h.lastError()).isEmpty();
    assertThat(h.failedCredential()).isEmpty();
  }

  @Test
  void authFailureNamesTheCredentialAndWinsOverOtherFailures() {
    PipelineHealth h = HealthEvaluator.evaluate(PipelineState.DEPLOYED, false, SECRET,
        List.of(row("a", "FAILED", "SERVER_ERROR", 0), row("b", "FAILED", "AUTH_FAILED", 0)));

    assertThat(h.status()).isEqualTo(HealthStatus.AUTH_FAILED);
    assertThat(h.failedCredential()).contains("crm-token");
    assertThat(h.lastError()).hasValueSatisfying(e -> assertThat(e.endpoint()).isEqualTo("b"));
    assertThat(h.failingEndpoints()).containsExactly("a", "b");
  }

  @Test
  void otherFailureIsFailingWithTheFirstError() {
    PipelineHealth h = HealthEvaluator.evaluate(PipelineState.DEPLOYED, false, SECRET,
        List.of(row("a", "SUCCEEDED", null, 1), row("b", "FAILED", "RATE_LIMITED", 0)));

    assertThat(h.status()).isEqualTo(HealthStatus.FAILING);
    assertThat(h.lastError()).contains(new PipelineHealth.RunError("b", "RATE_LIMITED", "RATE_LIMITED on b"));
    assertThat(h.failedCredential()).isEmpty();
  }

  @Test
  void stateAndProgressComeFirst() {
    List<RunRow> failed = List.of(row("a", "FAILED", "AUTH_FAILED", 0));

    assertThat(HealthEvaluator.evaluate(PipelineState.PAUSED, true, SECRET, failed).status())
        .isEqualTo(HealthStatus.PAUSED);
    assertThat(HealthEvaluator.evaluate(PipelineState.UNDEPLOYED, false, SECRET, failed).status())
        .isEqualTo(HealthStatus.UNDEPLOYED);
    assertThat(HealthEvaluator.evaluate(PipelineState.DEPLOYED, true, SECRET, failed).status())
        .isEqualTo(HealthStatus.RUNNING);
    assertThat(HealthEvaluator.evaluate(PipelineState.DEPLOYED, false, SECRET, List.of()).status())
        .as("deployed, no run finished yet").isEqualTo(HealthStatus.WAITING_FOR_FIRST_RUN);
  }

  private static Optional<DeploymentStatus> job(DeploymentStatus.State state, String detail) {
    return Optional.of(new DeploymentStatus(state, state.name(), detail));
  }

  @Test
  void theJobsOwnStateCounts() {
    List<RunRow> ok = List.of(row("a", "SUCCEEDED", null, 3));

    PipelineHealth failed = HealthEvaluator.evaluate(PipelineState.DEPLOYED,
        job(DeploymentStatus.State.FAILED, "OutOfMemoryError: Java heap space"), false, SECRET, ok);
    assertThat(failed.status()).isEqualTo(HealthStatus.FAILING);
    assertThat(failed.lastError()).contains(
        new PipelineHealth.RunError("(job)", "JOB_FAILED", "OutOfMemoryError: Java heap space"));
    assertThat(HealthEvaluator.evaluate(PipelineState.DEPLOYED, job(DeploymentStatus.State.NOT_FOUND, ""), false,
        SECRET, ok).lastError()).hasValueSatisfying(e -> assertThat(e.errorClass()).isEqualTo("JOB_GONE"));
    assertThat(HealthEvaluator.evaluate(PipelineState.DEPLOYED, job(DeploymentStatus.State.DEPLOYING, ""), false,
        SECRET, ok).status()).as("never running while its tasks are not").isEqualTo(HealthStatus.STARTING);
    assertThat(HealthEvaluator.evaluate(PipelineState.DEPLOYED, job(DeploymentStatus.State.DEPLOYING, ""), true,
        SECRET, ok).status()).as("a run-now job does not make a starting job running")
        .isEqualTo(HealthStatus.STARTING);
    PipelineHealth starved = HealthEvaluator.evaluate(PipelineState.DEPLOYED,
        job(DeploymentStatus.State.NO_RESOURCES, "no free task slot"), true, SECRET, ok);
    assertThat(starved.status()).isEqualTo(HealthStatus.FAILING);
    assertThat(starved.lastError()).contains(new PipelineHealth.RunError("(job)", "NO_RESOURCES", "no free task slot"));
    assertThat(HealthEvaluator.evaluate(PipelineState.DEPLOYED, job(DeploymentStatus.State.RUNNING, ""), false,
        SECRET, List.of()).status()).isEqualTo(HealthStatus.WAITING_FOR_FIRST_RUN);
    assertThat(HealthEvaluator.evaluate(PipelineState.DEPLOYED, job(DeploymentStatus.State.PAUSED, ""), false,
        SECRET, ok).status()).isEqualTo(HealthStatus.PAUSED);
    assertThat(HealthEvaluator.evaluate(PipelineState.DEPLOYED, job(DeploymentStatus.State.RUNNING, ""), false,
        SECRET, ok).status()).isEqualTo(HealthStatus.HEALTHY);
    assertThat(HealthEvaluator.evaluate(PipelineState.DEPLOYED, job(DeploymentStatus.State.FAILED, "x"), false,
        SECRET, List.of(row("a", "FAILED", "AUTH_FAILED", 0))).status())
        .as("a rejected credential is the actionable cause").isEqualTo(HealthStatus.AUTH_FAILED);
  }

  private static RunRow stated(String endpoint, String status, long rows, Long apiTotal) {
    return new RunRow("r9", endpoint, 5_000, 5_000, 6_000, 1_000, 1, 1, rows, 10, 0, 0, 0, 0, status, null, null,
        null, null, 10L, apiTotal);
  }

  @Test
  void rowsOtherThanTheApisStatedTotalMakeTheRunIncomplete() {
    PipelineHealth h = HealthEvaluator.evaluate(PipelineState.DEPLOYED, false, SECRET,
        List.of(stated("a", "SUCCEEDED", 30, 30L), stated("b", "SUCCEEDED", 30, 35L), stated("c", "SUCCEEDED", 9, null)));

    assertThat(h.status()).isEqualTo(HealthStatus.INCOMPLETE);
    assertThat(h.incompleteEndpoints()).containsExactly(new PipelineHealth.Shortfall("b", 30, 35));
    assertThat(h.lastError()).isEmpty();
  }

  @Test
  void aMatchingTotalIsHealthyAndAFailureStillWins() {
    assertThat(HealthEvaluator.evaluate(PipelineState.DEPLOYED, false, SECRET,
        List.of(stated("a", "SUCCEEDED", 30, 30L))).status()).isEqualTo(HealthStatus.HEALTHY);
    assertThat(HealthEvaluator.evaluate(PipelineState.DEPLOYED, false, SECRET,
        List.of(stated("a", "SUCCEEDED", 30, 35L), row("b", "FAILED", "SERVER_ERROR", 0))).status())
        .isEqualTo(HealthStatus.FAILING);
    assertThat(HealthEvaluator.evaluate(PipelineState.DEPLOYED, false, SECRET,
        List.of(stated("a", "FAILED", 10, 35L))).incompleteEndpoints()).as("a failed run is failing, not short")
        .isEmpty();
  }
}
