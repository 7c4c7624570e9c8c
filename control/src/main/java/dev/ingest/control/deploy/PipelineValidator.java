package dev.ingest.control.deploy;

import dev.ingest.control.model.PipelineDefinition;
import dev.ingest.jobs.IngestHome;
import dev.ingest.jobs.spec.PipelineLoader;
import dev.ingest.jobs.spec.PipelineSpec;
import dev.ingest.sources.spec.SpecException;
import java.nio.charset.StandardCharsets;

/** Validates a {@link PipelineDefinition} before any deployer acts on it. */
public final class PipelineValidator {
  private final PipelineLoader loader;

  public PipelineValidator(IngestHome home) {
    this.loader = new PipelineLoader(home.specDefaults());
  }

  /** The validated spec; fails naming every invalid field, or a name that differs from the YAML's. */
  public PipelineSpec validate(PipelineDefinition definition) throws DeployException {
    PipelineSpec spec;
    try {
      spec = loader.parse("pipeline " + definition.name(), definition.yaml().getBytes(StandardCharsets.UTF_8),
          null);
    } catch (SpecException e) {
      throw new DeployException("pipeline '" + definition.name() + "' is invalid, nothing deployed: "
          + e.getMessage(), e);
    }
    if (!spec.name().equals(definition.name())) {
      throw new DeployException("pipeline '" + definition.name() + "': name: the definition says '" + spec.name()
          + "'; nothing deployed");
    }
    return spec;
  }
}
