package dev.ingest.control.api;

import dev.ingest.jobs.spec.PipelineSpec;

/**
 * What the control API needs from a deployer: turn a validated pipeline into a running Flink job and operate it.
 * Implementations (local cluster, session cluster over REST, Kubernetes operator) live behind this interface; the
 * API never knows which one runs. Methods throw {@link DeployerException} with a message the user can act on,
 * never containing a secret.
 */
public interface Deployer {

  /**
   * Deploys the pipeline, or upgrades its existing deployment to this definition; returns the deployment id the
   * other methods take. Idempotent per pipeline name.
   */
  String deploy(PipelineSpec pipeline);

  /** Stops scheduled runs, keeping state so {@link #resume} continues where it stopped. */
  void pause(String deploymentId);

  /** Resumes a paused deployment with this (possibly updated) definition. */
  void resume(String deploymentId, PipelineSpec pipeline);

  /** Starts a run of every endpoint now, outside the schedule. */
  void runNow(String deploymentId);

  /** Removes the deployment and its job. Deleting an unknown deployment is not an error. */
  void delete(String deploymentId);

  /** What the deployment is doing now. */
  DeploymentStatus status(String deploymentId);
}
