package dev.ingest.control.model;

import java.util.Objects;
import java.util.Optional;

/**
 * A handle to a deployed pipeline job, stored by the control plane.
 *
 * @param pipeline the pipeline name
 * @param target the deployer that made it ({@code local}, {@code session}, {@code kubernetes})
 * @param id the Flink job id (local, session) or the custom resource name (kubernetes)
 * @param savepoint the savepoint the last pause took, or null
 */
public record Deployment(String pipeline, String target, String id, String savepoint) {
  public Deployment {
    Objects.requireNonNull(pipeline, "pipeline");
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(id, "id");
  }

  public Optional<String> savepointPath() {
    return Optional.ofNullable(savepoint);
  }

  /** This handle with a savepoint. */
  public Deployment withSavepoint(String path) {
    return new Deployment(pipeline, target, id, path);
  }
}
