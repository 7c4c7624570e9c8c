package dev.ingest.control.model;

import java.util.Objects;

/**
 * A pipeline as the deployers receive it: its name and its YAML text (secret references only, never values), which
 * travels to the cluster as the job's program argument.
 *
 * @param name the pipeline name (must equal the YAML's {@code name})
 * @param yaml the pipeline definition, see docs/pipelines.md
 */
public record PipelineDefinition(String name, String yaml) {
  public PipelineDefinition {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(yaml, "yaml");
  }

  @Override
  public String toString() {
    return "PipelineDefinition[" + name + ", " + yaml.length() + " characters]";
  }
}
