package dev.ingest.control.deploy.kubernetes;

import dev.ingest.control.model.DeploymentStatus;
import dev.ingest.control.model.DeploymentStatus.State;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.Map;

/** Reads the Flink Kubernetes Operator's {@code status} of a FlinkDeployment or FlinkSessionJob. */
final class OperatorStatus {
  private OperatorStatus() {}

  static DeploymentStatus of(GenericKubernetesResource resource) {
    Map<?, ?> status = resource.get("status") instanceof Map<?, ?> m ? m : Map.of();
    Map<?, ?> job = status.get("jobStatus") instanceof Map<?, ?> m ? m : Map.of();
    String lifecycle = text(status.get("lifecycleState"));
    String jobState = text(job.get("state"));
    String error = text(status.get("error"));
    String savepoint = job.get("savepointInfo") instanceof Map<?, ?> info
        && info.get("lastSavepoint") instanceof Map<?, ?> last ? text(last.get("location")) : "";
    State state = switch (lifecycle) {
      case "SUSPENDED" -> State.PAUSED;
      case "FAILED" -> State.FAILED;
      case "DELETING", "DELETED" -> State.CANCELED;
      case "STABLE", "DEPLOYED" -> jobState.isEmpty() ? State.DEPLOYING : State.ofFlinkJob(jobState);
      default -> State.DEPLOYING; // CREATED, UPGRADING, ROLLING_BACK, ROLLED_BACK, or no status yet
    };
    String detail = !error.isEmpty() ? error : state == State.PAUSED && !savepoint.isEmpty() ? "savepoint " + savepoint : "";
    return new DeploymentStatus(state, lifecycle + (jobState.isEmpty() ? "" : "/" + jobState), detail);
  }

  /** The Flink job id the operator reports ({@code status.jobStatus.jobId}), or empty. */
  static String jobId(GenericKubernetesResource resource) {
    Map<?, ?> status = resource.get("status") instanceof Map<?, ?> m ? m : Map.of();
    Map<?, ?> job = status.get("jobStatus") instanceof Map<?, ?> m ? m : Map.of();
    return text(job.get("jobId"));
  }

  private static String text(Object value) {
    return value == null ? "" : value.toString();
  }
}
