package dev.ingest.control.deploy.local;

import dev.ingest.control.deploy.DeployException;
import dev.ingest.control.deploy.Deployer;
import dev.ingest.control.model.Deployment;
import dev.ingest.control.model.DeploymentStatus;
import dev.ingest.control.model.DeploymentStatus.State;
import dev.ingest.control.deploy.FlinkWebUi;
import dev.ingest.control.deploy.JobReadiness;
import dev.ingest.control.deploy.TaskCounts;
import dev.ingest.control.deploy.session.FlinkRestClient;
import dev.ingest.control.model.PipelineDefinition;
import dev.ingest.control.deploy.PipelineValidator;
import dev.ingest.control.deploy.Poll;
import dev.ingest.control.deploy.StartingPoint;
import dev.ingest.jobs.IngestHome;
import dev.ingest.jobs.RuntimeSettings;
import dev.ingest.jobs.compile.CompileOptions;
import dev.ingest.jobs.compile.JobConfiguration;
import dev.ingest.jobs.compile.PipelineGraphs;
import dev.ingest.jobs.spec.PipelineSpec;
import dev.ingest.sources.secret.SecretStoreProvider;
import dev.ingest.sources.source.request.RunRequestSettings;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.runtime.checkpoint.CheckpointException;
import org.apache.flink.runtime.checkpoint.CheckpointFailureReason;
import org.apache.flink.runtime.jobgraph.SavepointRestoreSettings;
import org.apache.flink.runtime.jobmaster.JobResult;
import org.apache.flink.runtime.messages.FlinkJobNotFoundException;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.apache.flink.util.ExceptionUtils;

/**
 * Deploys pipelines onto a {@link LocalFlinkCluster}: the pipeline is compiled in this process (tables planned,
 * graph built with the pipeline's checkpoint settings) and its stream graph submitted to the cluster. Pauses stop
 * with a savepoint under {@code $INGEST_HOME/savepoints/<pipeline>}; resumes restore from it. A deploy over a job
 * the cluster no longer has and no savepoint (the process was killed) starts from that job's latest retained
 * checkpoint under {@code $INGEST_HOME/checkpoints/<pipeline>}. Once the control API has started
 * ({@link #controlApiStarted}), scheduled jobs poll it for run requests every {@link #pollingRunRequestsEvery}
 * (default {@link RunRequestSettings#DEFAULT_POLL_INTERVAL}), with the token in the secret store.
 */
public final class LocalDeployer implements Deployer {
  public static final String TARGET = "local";
  private static final Duration RETRY = Duration.ofMillis(250);
  /** Savepoints and job checkpoint folders kept per pipeline (besides those in use); older ones are deleted. */
  static final int KEEP = 3;

  private final LocalFlinkCluster cluster;
  private final IngestHome home;
  private final SecretStoreProvider secrets;
  private final PipelineValidator validator;
  private FlinkRestClient rest;
  private volatile java.net.URI controlUrl;
  private volatile Duration runRequestInterval = RunRequestSettings.DEFAULT_POLL_INTERVAL;

  public LocalDeployer(LocalFlinkCluster cluster, IngestHome home, SecretStoreProvider secrets) {
    this.cluster = cluster;
    this.home = home;
    this.secrets = secrets;
    this.validator = new PipelineValidator(home);
  }

  @Override
  public String target() {
    return TARGET;
  }

  /** How often deployed jobs poll the control API for run requests (at least 100 ms). */
  public LocalDeployer pollingRunRequestsEvery(Duration interval) {
    this.runRequestInterval = interval;
    return this;
  }

  @Override
  public void controlApiStarted(java.net.URI url) {
    this.controlUrl = url;
  }

  @Override
  public boolean takesRunRequests() {
    return controlUrl != null;
  }

  @Override
  public Deployment deploy(PipelineDefinition pipeline, Deployment current) throws DeployException {
    return deploy(pipeline, current, false);
  }

  @Override
  public boolean runsOnDeploy() {
    return true;
  }

  @Override
  public Deployment deploy(PipelineDefinition pipeline, Deployment current, boolean firstRun)
      throws DeployException {
    PipelineSpec spec = validator.validate(pipeline);
    String savepoint = StartingPoint.of(this, current, RETRY, LocalFlinkCluster.TIMEOUT)
        .or(() -> current == null ? Optional.empty()
            : RetainedCheckpoints.latest(home.checkpoints(spec.name()), current.id()))
        .orElse(null);
    return submit(spec, CompileOptions.of(CompileOptions.Mode.SCHEDULED).withRunOnStart(firstRun), savepoint);
  }

  /** The slots the embedded cluster was started with ({@code deployer.slots}). */
  @Override
  public java.util.OptionalInt taskSlots() {
    return java.util.OptionalInt.of(cluster.slots());
  }

  @Override
  public Deployment pause(Deployment deployment) throws DeployException {
    try {
      Files.createDirectories(home.savepoints(deployment.pipeline()));
      String target = home.savepoints(deployment.pipeline()).toUri().toString();
      JobID job = jobId(deployment);
      // a job reads RUNNING before all its tasks do; until they do, Flink refuses the savepoint: ask again
      String path = Poll.until(() -> {
        try {
          return Optional.of(await(cluster.miniCluster().stopWithSavepoint(job, target, false,
              SavepointFormatType.CANONICAL)));
        } catch (ExecutionException e) {
          if (tasksNotRunningYet(e)) {
            return Optional.empty();
          }
          throw e;
        }
      }, RETRY, LocalFlinkCluster.TIMEOUT, "the savepoint of pipeline '" + deployment.pipeline() + "'");
      // the savepoint completes just before the job stops: a pause returns once it has stopped
      Poll.until(() -> Optional.of(await(cluster.miniCluster().getJobStatus(job)))
              .filter(JobStatus::isGloballyTerminalState), RETRY, LocalFlinkCluster.TIMEOUT,
          "the stop of pipeline '" + deployment.pipeline() + "' after its savepoint");
      return deployment.withSavepoint(path);
    } catch (Exception e) {
      throw failure("pause", deployment.pipeline(), e);
    }
  }

  @Override
  public Deployment resume(Deployment deployment, PipelineDefinition pipeline) throws DeployException {
    PipelineSpec spec = validator.validate(pipeline);
    if (deployment.savepoint() == null) {
      throw new DeployException("pipeline '" + deployment.pipeline() + "' has no savepoint to resume from; deploy it");
    }
    return submit(spec, CompileOptions.of(CompileOptions.Mode.SCHEDULED), deployment.savepoint());
  }

  @Override
  public void delete(Deployment deployment) throws DeployException {
    try {
      if (!cluster.miniCluster().getJobStatus(jobId(deployment)).get().isGloballyTerminalState()) {
        await(cluster.miniCluster().cancelJob(jobId(deployment)));
      }
    } catch (Exception e) {
      if (!notFound(e)) {
        throw failure("delete", deployment.pipeline(), e);
      }
    }
  }

  @Override
  public DeploymentStatus status(Deployment deployment) throws DeployException {
    JobStatus status;
    try {
      status = await(cluster.miniCluster().getJobStatus(jobId(deployment)));
    } catch (Exception e) {
      if (notFound(e)) {
        return deployment.savepoint() != null
            ? new DeploymentStatus(State.PAUSED, "", "savepoint " + deployment.savepoint())
            : new DeploymentStatus(State.NOT_FOUND, "", "no job " + deployment.id() + " on the local cluster");
      }
      throw failure("read the status of", deployment.pipeline(), e);
    }
    String url = FlinkWebUi.jobUrl(webUrl(), deployment.id(), status.isGloballyTerminalState());
    if (status == JobStatus.FINISHED && deployment.savepoint() != null) {
      return new DeploymentStatus(State.PAUSED, status.name(), "savepoint " + deployment.savepoint()).withJobUrl(url);
    }
    if (status == JobStatus.FAILED) {
      return new DeploymentStatus(State.FAILED, status.name(), failureCause(deployment)).withJobUrl(url);
    }
    if (status.isGloballyTerminalState()) {
      return new DeploymentStatus(State.ofFlinkJob(status.name()), status.name(), "").withJobUrl(url);
    }
    try {
      FlinkRestClient client = rest();
      TaskCounts tasks = client.taskCounts(deployment.id()).orElse(new TaskCounts(java.util.Map.of()));
      return JobReadiness.of(status.name(), tasks, () -> client.rootException(deployment.id()), url);
    } catch (java.io.IOException e) {
      throw failure("read the tasks of", deployment.pipeline(), e);
    }
  }

  /** The cluster's own REST API (loopback), for what the web UI shows: the tasks' states, the exception history. */
  private synchronized FlinkRestClient rest() throws DeployException {
    if (rest == null) {
      rest = new FlinkRestClient(webUrl(), Duration.ofSeconds(10));
    }
    return rest;
  }

  private java.net.URI webUrl() throws DeployException {
    try {
      return cluster.webUrl();
    } catch (Exception e) {
      throw new DeployException("the local Flink cluster has no REST address: " + e.getMessage(), e);
    }
  }

  @Override
  public Deployment runNow(PipelineDefinition pipeline) throws DeployException {
    return submit(validator.validate(pipeline), CompileOptions.once(), null);
  }

  /** Waits until the job reaches a terminal state and returns it (tests, CLI). */
  public DeploymentStatus awaitTermination(Deployment deployment) throws DeployException {
    try {
      await(cluster.miniCluster().requestJobResult(jobId(deployment)));
    } catch (Exception e) {
      throw failure("wait for", deployment.pipeline(), e);
    }
    return status(deployment);
  }

  private Deployment submit(PipelineSpec spec, CompileOptions options, String savepoint) throws DeployException {
    CompileOptions.Mode mode = options.mode();
    try {
      Files.createDirectories(home.checkpoints(spec.name()));
      Configuration conf = JobConfiguration.forPipeline(spec, home.checkpoints(spec.name()),
          RuntimeSettings.stateBackend(home).flinkName());
      StreamExecutionEnvironment env = new StreamExecutionEnvironment(conf);
      env.setParallelism(spec.runtime().parallelism());
      PipelineGraphs.addTo(env, spec, secrets, withRunRequests(spec, options));
      StreamGraph graph = env.getStreamGraph();
      if (mode == CompileOptions.Mode.ONCE) {
        graph.setJobName("ingest " + spec.name() + " (run now)");
      }
      if (savepoint != null) {
        graph.setSavepointRestoreSettings(SavepointRestoreSettings.forPath(savepoint, true));
      }
      JobID id = await(cluster.miniCluster().submitJob(graph)).getJobID();
      prune(spec.name(), savepoint);
      return new Deployment(spec.name(), TARGET, id.toHexString(), null);
    } catch (Exception e) {
      throw failure("deploy", spec.name(), e);
    }
  }

  /**
   * Retention: keeps the newest {@value #KEEP} savepoints and job checkpoint folders of the pipeline, the one the
   * new job starts from, and those of every job the cluster still runs (run-now jobs leave a folder each).
   */
  private void prune(String pipeline, String startingPoint) throws Exception {
    java.util.Set<String> inUse = new java.util.HashSet<>();
    for (var job : await(cluster.miniCluster().listJobs())) {
      if (!job.getJobState().isGloballyTerminalState()) {
        inUse.add(job.getJobId().toHexString());
      }
    }
    inUse.add(FolderRetention.entryOf(home.checkpoints(pipeline), startingPoint));
    FolderRetention.keepNewest(home.checkpoints(pipeline), KEEP, inUse);
    FolderRetention.keepNewest(home.savepoints(pipeline), KEEP,
        java.util.Set.of(FolderRetention.entryOf(home.savepoints(pipeline), startingPoint)));
  }

  /**
   * A scheduled job polls for run requests once the control API has started; a run-now job runs once. Either
   * leases its credentials' rate budgets from the control API once it has started.
   */
  private CompileOptions withRunRequests(PipelineSpec spec, CompileOptions options) {
    java.net.URI url = controlUrl;
    if (url != null) {
      options = options.withRateBudget(dev.ingest.sources.ratelimit.RateBudgetSettings.of(url).withLeaseToken(secrets));
    }
    if (options.mode() == CompileOptions.Mode.SCHEDULED && url != null) {
      return options.withRunRequests(new RunRequestSettings(url, RunRequestSettings.tokenSecretFor(spec.name()),
          secrets, runRequestInterval, RunRequestSettings.DEFAULT_TIMEOUT));
    }
    return options;
  }

  private String failureCause(Deployment deployment) {
    try {
      JobResult result = await(cluster.miniCluster().requestJobResult(jobId(deployment)));
      return result.getSerializedThrowable()
          .map(t -> ExceptionUtils.stripExecutionException(t).getMessage())
          .orElse("");
    } catch (Exception e) {
      return "";
    }
  }

  private static JobID jobId(Deployment deployment) throws DeployException {
    try {
      return JobID.fromHexString(deployment.id());
    } catch (IllegalArgumentException e) {
      throw new DeployException("pipeline '" + deployment.pipeline() + "': '" + deployment.id()
          + "' is not a Flink job id");
    }
  }

  private static <T> T await(CompletableFuture<T> future) throws Exception {
    return future.get(LocalFlinkCluster.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
  }

  private static boolean tasksNotRunningYet(Exception e) {
    return ExceptionUtils.findThrowable(e, CheckpointException.class)
        .map(c -> c.getCheckpointFailureReason() == CheckpointFailureReason.NOT_ALL_REQUIRED_TASKS_RUNNING)
        .orElse(false);
  }

  private static boolean notFound(Exception e) {
    return ExceptionUtils.findThrowable(e, FlinkJobNotFoundException.class).isPresent();
  }

  private static DeployException failure(String action, String pipeline, Exception e) {
    if (e instanceof DeployException d) {
      return d;
    }
    Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
    return new DeployException("cannot " + action + " pipeline '" + pipeline + "' on the local Flink cluster: "
        + cause.getClass().getSimpleName() + ": " + cause.getMessage(), cause);
  }
}
