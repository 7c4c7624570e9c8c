package dev.ingest.control.deploy;

import dev.ingest.control.model.Deployment;
import dev.ingest.control.model.DeploymentStatus;
import dev.ingest.control.model.PipelineDefinition;

/**
 * Runs pipelines as Flink jobs somewhere: a Flink cluster with the web UI in this process ({@code local}), a Flink
 * session cluster through its REST API ({@code session}), the Flink Kubernetes Operator ({@code kubernetes}), or,
 * lightest, one bounded MiniCluster job per cron tick in this process ({@code local-runs}). The control API drives
 * whichever one {@link dev.ingest.control.deployers.DeployerSettings} selects through this interface only.
 *
 * <p>Every method validates before acting: an invalid pipeline deploys nothing and fails with a
 * {@link DeployException} naming the field. The returned {@link Deployment} handle is plain data the control plane
 * stores and hands back later; it never holds a secret.
 *
 * <pre>
 *   deploy ──▶ RUNNING ──pause──▶ PAUSED (savepoint) ──resume──▶ RUNNING
 *     │            │                                               │
 *     │            └──────────────────── delete ◀──────────────────┘
 *     └─ deploy again with a changed pipeline: upgrade from a savepoint
 * </pre>
 */
public interface Deployer {

  /** The target name recorded in handles: {@code local}, {@code session} or {@code kubernetes}. */
  String target();

  /**
   * Starts the pipeline on its schedule. Deploying a pipeline that already runs ({@code current} not null)
   * upgrades it: stop with a savepoint, start the new definition from it. A {@code current} handle that is not
   * running but carries a savepoint (a pause, a control-plane shutdown) starts from that savepoint.
   */
  Deployment deploy(PipelineDefinition pipeline, Deployment current) throws DeployException;

  /** Stops the job with a savepoint; the returned handle carries where the savepoint is. */
  Deployment pause(Deployment deployment) throws DeployException;

  /** Starts the pipeline again from the savepoint {@link #pause} took. */
  Deployment resume(Deployment deployment, PipelineDefinition pipeline) throws DeployException;

  /** Cancels the job and removes what the deployer created for it; idempotent. */
  void delete(Deployment deployment) throws DeployException;

  /** What the job is doing now. */
  DeploymentStatus status(Deployment deployment) throws DeployException;

  /**
   * Runs the pipeline once now as its own bounded job, seeded from its runs table; returns that job's handle. Only
   * for a pipeline that is not deployed (or a deployer whose every run is its own job,
   * {@link #runsEachRunAsAJob}): next to a deployed job it would fetch the same incremental window twice, so the
   * control API refuses that and sends a run request to the deployed job instead ({@link #takesRunRequests}).
   */
  Deployment runNow(PipelineDefinition pipeline) throws DeployException;

  /**
   * {@link #deploy}, with its first run right away ({@code firstRun}) instead of at the first cron fire time, so a
   * wrong credential shows within seconds. Deployers whose jobs cannot be told so deploy as {@link #deploy} does.
   */
  default Deployment deploy(PipelineDefinition pipeline, Deployment current, boolean firstRun)
      throws DeployException {
    return deploy(pipeline, current);
  }

  /** Whether {@link #deploy(PipelineDefinition, Deployment, boolean)} starts the first run when asked. */
  default boolean runsOnDeploy() {
    return false;
  }

  /**
   * The task slots the cluster has for pipeline jobs (each job takes as many as its parallelism), or empty when the
   * deployer has no fixed budget (Kubernetes application mode: a cluster per job; local runs: a cluster per run).
   */
  default java.util.OptionalInt taskSlots() throws DeployException {
    return java.util.OptionalInt.empty();
  }

  /**
   * The control API listens at {@code controlUrl} (as this deployer's jobs reach it): jobs deployed from now on
   * poll it for run requests, if this deployer supports that.
   */
  default void controlApiStarted(java.net.URI controlUrl) {}

  /**
   * Whether the scheduled jobs this deployer starts poll the control API for run requests, so "Run now" of a
   * deployed pipeline runs inside its job from the same checkpointed state.
   */
  default boolean takesRunRequests() {
    return false;
  }

  /** Whether every run, scheduled or not, is its own bounded job ({@code local-runs}): run now is one more. */
  default boolean runsEachRunAsAJob() {
    return false;
  }
}
