package dev.ingest.control.store;

import dev.ingest.control.model.Deployment;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One pipeline as stored: its definition (canonical JSON of the pipeline YAML model, see docs/pipelines.md), the
 * version every write increments, and its deployment state.
 *
 * @param name the pipeline name (primary key)
 * @param definition the validated definition as JSON text
 * @param version starts at 1; every update, deploy, pause and resume increments it
 * @param state what the operator asked for
 * @param deployment the deployer's handle of the job (target, id, savepoint), empty when undeployed
 * @param createdAt when it was created
 * @param updatedAt when it was last written
 */
public record StoredPipeline(
    String name,
    String definition,
    long version,
    PipelineState state,
    Optional<Deployment> deployment,
    Instant createdAt,
    Instant updatedAt) {

  public StoredPipeline {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(definition, "definition");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(deployment, "deployment");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(updatedAt, "updatedAt");
  }
}
