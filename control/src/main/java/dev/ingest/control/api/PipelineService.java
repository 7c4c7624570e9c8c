package dev.ingest.control.api;

import dev.ingest.control.health.HealthEvaluator;
import dev.ingest.control.health.PipelineHealth;
import dev.ingest.control.health.RunSync;
import dev.ingest.control.store.PipelineState;
import dev.ingest.control.store.PipelineStore;
import dev.ingest.control.store.RunStore;
import dev.ingest.control.store.StoredPipeline;
import dev.ingest.jobs.spec.PipelineSpec;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the pipeline routes do, without HTTP: store pipelines (validated, versioned), drive the deployer, and
 * judge health from the latest run. A definition is validated before anything is stored or deployed, so an
 * invalid spec never reaches a deployer. Deployer calls happen before the state change is recorded, so a failed
 * deploy leaves the stored state as it was.
 */
final class PipelineService {
  private static final Logger LOG = LoggerFactory.getLogger(PipelineService.class);

  private final PipelineStore pipelines;
  private final RunStore runs;
  private final RunSync sync;
  private final Deployer deployer;
  private final DefinitionReader reader;

  PipelineService(PipelineStore pipelines, RunStore runs, RunSync sync, Deployer deployer, DefinitionReader reader) {
    this.pipelines = pipelines;
    this.runs = runs;
    this.sync = sync;
    this.deployer = deployer;
    this.reader = reader;
  }

  List<StoredPipeline> list() {
    return pipelines.list();
  }

  StoredPipeline get(String name) {
    return pipelines.get(name);
  }

  PipelineSpec spec(StoredPipeline pipeline) {
    return reader.read(pipeline.definition()).spec();
  }

  StoredPipeline create(DefinitionReader.Definition definition) {
    return pipelines.create(definition.spec().name(), definition.json());
  }

  /** Replaces the definition if {@code expectedVersion} is current; a deployed pipeline is upgraded to it. */
  StoredPipeline update(String name, DefinitionReader.Definition definition, long expectedVersion) {
    if (!definition.spec().name().equals(name)) {
      throw ApiException.invalid("pipeline", List.of(new FieldProblem("name",
          "is '" + definition.spec().name() + "' but the URL names pipeline '" + name
              + "': a pipeline cannot be renamed (create a new one)")));
    }
    StoredPipeline updated = pipelines.update(name, expectedVersion, definition.json());
    if (updated.state() == PipelineState.DEPLOYED && updated.deploymentId().isPresent()) {
      deployer.deploy(definition.spec());
    }
    return updated;
  }

  StoredPipeline deploy(String name, OptionalLong expectedVersion) {
    StoredPipeline current = checked(name, expectedVersion);
    String id = deployer.deploy(spec(current));
    return pipelines.transition(name, OptionalLong.of(current.version()), PipelineState.DEPLOYED, Optional.of(id));
  }

  /** Deploys a stored deployed/paused pipeline again (after a restart), pausing it again when it was paused. */
  void restore(StoredPipeline pipeline) {
    String id = deployer.deploy(spec(pipeline));
    if (pipeline.state() == PipelineState.PAUSED) {
      deployer.pause(id);
    }
    if (!pipeline.deploymentId().equals(Optional.of(id))) {
      pipelines.transition(pipeline.name(), OptionalLong.of(pipeline.version()), pipeline.state(), Optional.of(id));
    }
  }

  StoredPipeline pause(String name, OptionalLong expectedVersion) {
    StoredPipeline current = checked(name, expectedVersion);
    String id = requireState(current, PipelineState.DEPLOYED, "pause");
    deployer.pause(id);
    return pipelines.transition(name, OptionalLong.of(current.version()), PipelineState.PAUSED, Optional.of(id));
  }

  StoredPipeline resume(String name, OptionalLong expectedVersion) {
    StoredPipeline current = checked(name, expectedVersion);
    String id = requireState(current, PipelineState.PAUSED, "resume");
    deployer.resume(id, spec(current));
    return pipelines.transition(name, OptionalLong.of(current.version()), PipelineState.DEPLOYED, Optional.of(id));
  }

  StoredPipeline undeploy(String name, OptionalLong expectedVersion) {
    StoredPipeline current = checked(name, expectedVersion);
    current.deploymentId().ifPresent(deployer::delete);
    return pipelines.transition(name, OptionalLong.of(current.version()), PipelineState.UNDEPLOYED, Optional.empty());
  }

  void runNow(String name) {
    StoredPipeline current = pipelines.get(name);
    if (current.state() == PipelineState.UNDEPLOYED || current.deploymentId().isEmpty()) {
      throw new ApiException(409, "conflict", "pipeline " + name + " is not deployed: deploy it first");
    }
    deployer.runNow(current.deploymentId().get());
  }

  void delete(String name, OptionalLong expectedVersion) {
    StoredPipeline current = checked(name, expectedVersion);
    current.deploymentId().ifPresent(deployer::delete);
    pipelines.delete(name, OptionalLong.of(current.version()));
  }

  /**
   * Health from the latest run recorded in the store (first synced from the pipeline's runs table when
   * {@code syncFirst}) and the deployment's status.
   */
  PipelineHealth health(StoredPipeline pipeline, boolean syncFirst) {
    PipelineSpec spec = spec(pipeline);
    if (syncFirst) {
      syncRuns(spec);
    }
    Optional<DeploymentStatus> status = status(pipeline);
    boolean inProgress = status.map(DeploymentStatus::runInProgress).orElse(false);
    return HealthEvaluator.evaluate(pipeline.state(), inProgress, spec.credentialsSecret(),
        runs.latestRun(pipeline.name()));
  }

  List<dev.ingest.sinks.runs.RunRow> runs(String name, Optional<String> endpoint, int limit) {
    return runs.list(name, endpoint, limit);
  }

  Optional<DeploymentStatus> status(StoredPipeline pipeline) {
    if (pipeline.state() == PipelineState.UNDEPLOYED || pipeline.deploymentId().isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(deployer.status(pipeline.deploymentId().get()));
    } catch (DeployerException e) {
      LOG.warn("Status of pipeline {} unavailable: {}", pipeline.name(), e.getMessage());
      return Optional.empty();
    }
  }

  /** Copies new rows of the pipeline's runs table into the store; a warehouse that cannot be read is logged. */
  void syncRuns(PipelineSpec spec) {
    try {
      sync.sync(spec);
    } catch (Exception e) {
      LOG.warn("Could not read the runs table of pipeline {}: {}", spec.name(), e.toString());
    }
  }

  private StoredPipeline checked(String name, OptionalLong expectedVersion) {
    StoredPipeline current = pipelines.get(name);
    if (expectedVersion.isPresent() && expectedVersion.getAsLong() != current.version()) {
      throw new dev.ingest.control.store.StaleVersionException(name, expectedVersion.getAsLong(), current.version());
    }
    return current;
  }

  private static String requireState(StoredPipeline pipeline, PipelineState state, String action) {
    if (pipeline.state() != state || pipeline.deploymentId().isEmpty()) {
      throw new ApiException(409, "conflict", "cannot " + action + " pipeline " + pipeline.name() + ": it is "
          + pipeline.state().name().toLowerCase(java.util.Locale.ROOT));
    }
    return pipeline.deploymentId().get();
  }
}
