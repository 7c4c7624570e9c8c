package dev.ingest.control.api;

import dev.ingest.control.deploy.DeployException;
import dev.ingest.control.deploy.Deployer;
import dev.ingest.control.model.Deployment;
import dev.ingest.control.model.DeploymentStatus;
import dev.ingest.control.model.PipelineDefinition;
import dev.ingest.control.health.HealthEvaluator;
import dev.ingest.control.health.HealthStatus;
import dev.ingest.control.health.JobFailures;
import dev.ingest.control.health.PipelineHealth;
import dev.ingest.control.health.RunSync;
import dev.ingest.control.health.StartupWatch;
import dev.ingest.control.store.PipelineState;
import dev.ingest.control.store.PipelineStore;
import dev.ingest.control.store.RunStore;
import dev.ingest.control.store.StoredPipeline;
import dev.ingest.jobs.spec.PipelineSpec;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the pipeline routes do, without HTTP: store pipelines (validated, versioned), drive the deployer, and
 * judge health from the latest run and the deployer's view of the job. A definition is validated before anything
 * is stored or deployed, so an invalid spec never reaches a deployer. Deployer calls happen before the state
 * change is recorded, so a failed deploy leaves the stored state as it was. The deployer's handle
 * ({@link Deployment}: target, job id or resource name, savepoint) is stored with the pipeline.
 */
final class PipelineService {
  private static final Logger LOG = LoggerFactory.getLogger(PipelineService.class);

  private final PipelineStore pipelines;
  private final RunStore runs;
  private final RunSync sync;
  private final Deployer deployer;
  private final DefinitionReader reader;
  private final StartupWatch startup;
  /** The latest run-now job of each pipeline, to tell whether a run is in progress (not stored: short-lived). */
  private final Map<String, Deployment> runsNow = new ConcurrentHashMap<>();
  /** Jobs deployed with a first run that has not been seen to end yet: Run now waits for it (no overlap). */
  private final java.util.Set<String> firstRunPending = ConcurrentHashMap.newKeySet();
  private final RunRequestBook requests;
  private final RunRequestAccess access;

  PipelineService(PipelineStore pipelines, RunStore runs, RunSync sync, Deployer deployer, DefinitionReader reader,
      StartupWatch startup, RunRequestBook requests, RunRequestAccess access) {
    this.startup = startup;
    this.requests = requests;
    this.access = access;
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

  /**
   * Replaces the definition if {@code expectedVersion} is current. A deployed pipeline's job is upgraded to it
   * first (stop with savepoint, start the new definition from it), and the definition and the new handle are
   * stored in one write; when the upgrade fails nothing is stored and the old job keeps running.
   */
  StoredPipeline update(String name, DefinitionReader.Definition definition, long expectedVersion)
      throws DeployException {
    if (!definition.spec().name().equals(name)) {
      throw ApiException.invalid("pipeline", List.of(new FieldProblem("name",
          "is '" + definition.spec().name() + "' but the URL names pipeline '" + name
              + "': a pipeline cannot be renamed (create a new one)")));
    }
    StoredPipeline current = checked(name, OptionalLong.of(expectedVersion));
    Optional<Deployment> deployment = current.deployment();
    Optional<Deployment> running = ours(current);
    if (current.state() == PipelineState.DEPLOYED && running.isPresent()) {
      grantRunRequests(name);
      deployment = Optional.of(deployer.deploy(new PipelineDefinition(name, definition.json()), running.get()));
    }
    return pipelines.update(name, expectedVersion, definition.json(), deployment);
  }

  /**
   * Deploys (or upgrades) the pipeline; {@code firstRun} starts its first run at once. Refused with a 409
   * {@code capacity} error when its job needs more task slots than the other deployed pipelines leave free.
   */
  StoredPipeline deploy(String name, OptionalLong expectedVersion, boolean firstRun) throws DeployException {
    StoredPipeline current = checked(name, expectedVersion);
    budget(name).require(name, slots(current), "deploy");
    grantRunRequests(name);
    Deployment deployment = deployer.deploy(definition(current), ours(current).orElse(null), firstRun);
    if (firstRun && deployer.runsOnDeploy()) {
      firstRunPending.add(deployment.id());
    } else {
      firstRunPending.remove(deployment.id());
    }
    return pipelines.transition(name, OptionalLong.of(current.version()), PipelineState.DEPLOYED,
        Optional.of(deployment));
  }

  /**
   * Brings a stored deployed pipeline back after a control-plane restart: nothing when its job still runs
   * (session cluster, Kubernetes), else a new job, from the savepoint a shutdown took when there is one. A
   * paused pipeline needs nothing: resume starts it from its savepoint. Returns whether a job was started.
   */
  boolean restore(StoredPipeline pipeline) throws DeployException {
    if (pipeline.state() != PipelineState.DEPLOYED) {
      return false;
    }
    Optional<Deployment> current = ours(pipeline);
    if (current.isPresent() && current.get().savepoint() == null) {
      DeploymentStatus.State state = deployer.status(current.get()).state();
      if (state != DeploymentStatus.State.NOT_FOUND) {
        return false; // running, or ended in a way health reports: left as it is
      }
    }
    grantRunRequests(pipeline.name());
    Deployment deployment = deployer.deploy(definition(pipeline), current.orElse(null));
    pipelines.transition(pipeline.name(), OptionalLong.of(pipeline.version()), PipelineState.DEPLOYED,
        Optional.of(deployment));
    return true;
  }

  /**
   * Stops a deployed pipeline's job with a savepoint because the control plane (and the local cluster in it)
   * shuts down; the pipeline stays deployed, and {@link #restore} starts it from that savepoint.
   */
  boolean suspendForShutdown(StoredPipeline pipeline) throws DeployException {
    Optional<Deployment> current = ours(pipeline);
    if (pipeline.state() != PipelineState.DEPLOYED || current.isEmpty()
        || deployer.status(current.get()).state() != DeploymentStatus.State.RUNNING) {
      return false;
    }
    Deployment suspended = deployer.pause(current.get());
    pipelines.transition(pipeline.name(), OptionalLong.of(pipeline.version()), PipelineState.DEPLOYED,
        Optional.of(suspended));
    return true;
  }

  StoredPipeline pause(String name, OptionalLong expectedVersion) throws DeployException {
    StoredPipeline current = checked(name, expectedVersion);
    Deployment running = requireState(current, PipelineState.DEPLOYED, "pause");
    Deployment paused = running.target().equals(deployer.target()) ? deployer.pause(running) : running;
    return pipelines.transition(name, OptionalLong.of(current.version()), PipelineState.PAUSED, Optional.of(paused));
  }

  StoredPipeline resume(String name, OptionalLong expectedVersion) throws DeployException {
    StoredPipeline current = checked(name, expectedVersion);
    Deployment paused = requireState(current, PipelineState.PAUSED, "resume");
    budget(name).require(name, slots(current), "resume");
    grantRunRequests(name);
    Deployment resumed = paused.target().equals(deployer.target()) && paused.savepoint() != null
        ? deployer.resume(paused, definition(current))
        : deployer.deploy(definition(current), ours(current).orElse(null));
    return pipelines.transition(name, OptionalLong.of(current.version()), PipelineState.DEPLOYED,
        Optional.of(resumed));
  }

  StoredPipeline undeploy(String name, OptionalLong expectedVersion) throws DeployException {
    StoredPipeline current = checked(name, expectedVersion);
    remove(current);
    return pipelines.transition(name, OptionalLong.of(current.version()), PipelineState.UNDEPLOYED, Optional.empty());
  }

  /**
   * "Run now". A deployed pipeline whose job takes run requests gets one: its job runs it from its own checkpointed
   * state, after the run in progress if there is one. A pipeline that is not deployed runs once as its own bounded
   * job. Refused (409) for a paused pipeline and for a deployed one whose job takes no requests: a second job next
   * to it would fetch the same incremental window twice.
   */
  RunNow runNow(String name) throws DeployException {
    StoredPipeline current = pipelines.get(name);
    if (current.state() == PipelineState.PAUSED) {
      throw new ApiException(409, "conflict", "pipeline " + name + " is paused: resume it to run it (its paused "
          + "job holds the incremental position; a separate run now would fetch the same records again)");
    }
    boolean deployed = current.state() == PipelineState.DEPLOYED && ours(current).isPresent();
    if (deployed && deployer.takesRunRequests()) {
      return new RunNow(Optional.of(requests.add(name)), ours(current));
    }
    if (deployed && !deployer.runsEachRunAsAJob()) {
      throw new ApiException(409, "conflict", "pipeline " + name + " is deployed and its job on the "
          + deployer.target() + " deployer does not take run requests: a separate run-now job next to it would "
          + "fetch the same incremental window twice; wait for the next scheduled run");
    }
    budget(null).require(name, slots(current), "run now");
    if (deployed) {
      requireFirstRunEnded(name, current);
    }
    Deployment job = deployer.runNow(definition(current));
    runsNow.put(name, job);
    return new RunNow(Optional.empty(), Optional.of(job));
  }

  /**
   * A separate run-now job next to a deployed one whose deploy started a first run waits (409) until that run has
   * ended: two runs at once would fetch the same records twice. A run request needs no such wait: the deployed job
   * starts it after the run in progress.
   */
  private void requireFirstRunEnded(String name, StoredPipeline current) {
    String job = current.deployment().get().id();
    if (firstRunPending.contains(job)) {
      HealthStatus health = health(current, true).status();
      if (health == HealthStatus.WAITING_FOR_FIRST_RUN || health == HealthStatus.STARTING) {
        throw new ApiException(409, "conflict", "pipeline " + name + ": the first run its deploy started has not "
            + "finished yet; run now once it has (two runs at once would fetch the same records twice)");
      }
      firstRunPending.remove(job);
    }
  }

  /**
   * What "Run now" did.
   *
   * @param request the run request the deployed job will take, when it went to the deployed job
   * @param job the job that runs it: the deployed job, or the bounded run-now job
   */
  record RunNow(Optional<RunRequestBook.Request> request, Optional<Deployment> job) {}

  /**
   * The deployed job's poll: records where it stands and returns the requests above its watermark. A pipeline
   * that is not deployed has none.
   */
  List<RunRequestBook.Request> pollRunRequests(String name, dev.ingest.sources.source.request.RunRequestMark mark) {
    StoredPipeline current = pipelines.get(name);
    if (current.state() != PipelineState.DEPLOYED) {
      return List.of();
    }
    return requests.poll(name, mark);
  }

  /** A run request of the pipeline, if it is kept; 404 otherwise. */
  RunRequestBook.Request runRequest(String name, long id) {
    pipelines.get(name);
    return requests.get(name, id).orElseThrow(() -> new ApiException(404, "not_found", "pipeline " + name
        + " has no run request " + id + " (requests are kept until 100 newer ones have started)"));
  }

  /** When the pipeline's job last polled for run requests, if it did since this control plane started. */
  Optional<RunRequestBook.Poll> lastRunRequestPoll(String name) {
    return requests.lastPoll(name);
  }

  /** True when {@code presented} is the run-request poll token of {@code pipeline}. */
  boolean isRunRequestToken(String pipeline, String presented) {
    return access.matches(pipeline, presented);
  }

  private void grantRunRequests(String name) {
    if (deployer.takesRunRequests()) {
      access.grant(name);
    }
  }

  /**
   * The deployer's task slots and who holds them: every deployed pipeline (but {@code excluding}, which is about
   * to be deployed again) as many as its parallelism, and every run-now job still running.
   */
  SlotBudget budget(String excluding) throws DeployException {
    java.util.OptionalInt total = deployer.taskSlots();
    List<SlotBudget.Claim> claims = new java.util.ArrayList<>();
    for (StoredPipeline p : pipelines.list()) {
      if (p.state() == PipelineState.DEPLOYED && ours(p).isPresent() && !p.name().equals(excluding)) {
        claims.add(new SlotBudget.Claim(p.name(), slots(p), "deployed"));
      }
      if (total.isPresent() && runNowActive(p)) {
        claims.add(new SlotBudget.Claim(p.name(), slots(p), "run_now"));
      }
    }
    return new SlotBudget(total, claims);
  }

  /** The task slots the pipeline's job takes: its parallelism (one slot-sharing group). */
  private int slots(StoredPipeline pipeline) {
    return spec(pipeline).runtime().parallelism();
  }

  void delete(String name, OptionalLong expectedVersion) throws DeployException {
    StoredPipeline current = checked(name, expectedVersion);
    remove(current);
    pipelines.delete(name, OptionalLong.of(current.version()));
  }

  /** Cancels the pipeline's job and its run-now job, when this deployer made them. */
  private void remove(StoredPipeline pipeline) throws DeployException {
    requests.forget(pipeline.name());
    access.revoke(pipeline.name());
    Optional<Deployment> current = ours(pipeline);
    if (current.isPresent()) {
      deployer.delete(current.get());
    }
    Deployment run = runsNow.remove(pipeline.name());
    if (run != null) {
      deployer.delete(run);
    }
  }

  /** The stored handle when the configured deployer made it (a handle of another target means nothing to it). */
  private Optional<Deployment> ours(StoredPipeline pipeline) {
    return pipeline.deployment().filter(d -> d.target().equals(deployer.target()));
  }

  /** The stored definition as the deployers take it (its JSON text is YAML too). */
  private static PipelineDefinition definition(StoredPipeline pipeline) {
    return new PipelineDefinition(pipeline.name(), pipeline.definition());
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
    boolean inProgress = status.map(DeploymentStatus::runInProgress).orElse(false) || runNowActive(pipeline);
    return HealthEvaluator.evaluate(pipeline.state(), status, inProgress, spec.credentialsSecret(),
        runs.latestRun(pipeline.name()));
  }

  private boolean runNowActive(StoredPipeline pipeline) {
    Deployment run = runsNow.get(pipeline.name());
    if (run == null || !run.target().equals(deployer.target())) {
      return false;
    }
    try {
      return deployer.status(run).active();
    } catch (DeployException e) {
      LOG.warn("Status of the run-now job of pipeline {} unavailable: {}", pipeline.name(), e.getMessage());
      return false;
    }
  }

  /**
   * Records the pipeline's failed Flink jobs (its deployed job and its latest run-now job) as failed runs
   * ({@link JobFailures}), once per job, with the job id.
   */
  void recordJobFailures(StoredPipeline pipeline, java.time.Instant now) {
    List<Deployment> jobs = new java.util.ArrayList<>();
    ours(pipeline).ifPresent(jobs::add);
    Deployment run = runsNow.get(pipeline.name());
    if (run != null && run.target().equals(deployer.target())) {
      jobs.add(run);
    }
    for (Deployment job : jobs) {
      try {
        Optional<dev.ingest.sinks.runs.RunRow> failed = JobFailures.asRun(job, deployer.status(job), now);
        if (failed.isPresent() && runs.record(pipeline.name(), List.of(failed.get()),
            Map.of(failed.get().runId(), job.id())) > 0) {
          LOG.info("Flink job {} of pipeline {} failed: recorded as run {}", job.id(), pipeline.name(),
              failed.get().runId());
        }
      } catch (DeployException e) {
        LOG.warn("Status of job {} of pipeline {} unavailable: {}", job.id(), pipeline.name(), e.getMessage());
      }
    }
  }

  /** The endpoint-runs of one run, by endpoint (404 when the pipeline has no such run). */
  List<dev.ingest.sinks.runs.RunRow> run(String name, String runId) {
    List<dev.ingest.sinks.runs.RunRow> rows = runs.run(name, runId);
    if (rows.isEmpty()) {
      throw new ApiException(404, "not_found", "pipeline " + name + " has no run " + runId);
    }
    return rows;
  }

  /** The Flink job that ran the run, when known. */
  Optional<String> runJob(String name, String runId) {
    return runs.jobId(name, runId);
  }

  List<dev.ingest.sinks.runs.RunRow> runs(String name, Optional<String> endpoint, int limit) {
    return runs.list(name, endpoint, limit);
  }

  Optional<DeploymentStatus> status(StoredPipeline pipeline) {
    Optional<Deployment> deployment = ours(pipeline);
    if (pipeline.state() == PipelineState.UNDEPLOYED || deployment.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(startup.observe(deployment.get().id(), deployer.status(deployment.get())));
    } catch (DeployException e) {
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

  private static Deployment requireState(StoredPipeline pipeline, PipelineState state, String action) {
    if (pipeline.state() != state || pipeline.deployment().isEmpty()) {
      throw new ApiException(409, "conflict", "cannot " + action + " pipeline " + pipeline.name() + ": it is "
          + pipeline.state().name().toLowerCase(java.util.Locale.ROOT));
    }
    return pipeline.deployment().get();
  }
}
