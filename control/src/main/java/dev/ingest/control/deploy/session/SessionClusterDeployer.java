package dev.ingest.control.deploy.session;

import dev.ingest.control.deploy.DeployException;
import dev.ingest.control.deploy.Deployer;
import dev.ingest.control.model.Deployment;
import dev.ingest.control.model.DeploymentStatus;
import dev.ingest.control.model.DeploymentStatus.State;
import dev.ingest.control.deploy.FlinkWebUi;
import dev.ingest.control.deploy.JobReadiness;
import dev.ingest.control.deploy.TaskCounts;
import dev.ingest.control.model.PipelineDefinition;
import dev.ingest.control.deploy.PipelineValidator;
import dev.ingest.control.deploy.Poll;
import dev.ingest.control.deploy.StartingPoint;
import dev.ingest.jobs.IngestHome;
import dev.ingest.jobs.IngestJob;
import dev.ingest.jobs.spec.PipelineSpec;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Deploys pipelines onto a running Flink session cluster through its REST API: uploads the Ingest job jar once
 * ({@code POST /jars/upload}), runs {@link IngestJob} with the pipeline inline as program arguments
 * ({@code POST /jars/:id/run}), pauses with stop-with-savepoint ({@code POST /jobs/:id/stop}, then polls the
 * trigger), resumes with {@code savepointPath}, reads {@code GET /jobs/:id} and cancels with
 * {@code PATCH /jobs/:id?mode=cancel}.
 */
public final class SessionClusterDeployer implements Deployer {
  public static final String TARGET = "session";
  /** System property the launcher sets to the shaded job jar the build produced: the default job jar. */
  public static final String JOB_JAR_PROPERTY = "ingest.job.jar";
  private static final Duration POLL = Duration.ofMillis(200);
  private static final String TASKS_NOT_RUNNING = "Not all required tasks are currently running";

  /**
   * @param restUrl the cluster's REST endpoint
   * @param jobJar the Ingest job jar to upload (IngestJob and its dependencies)
   * @param savepointDirectory where pauses put savepoints, or null for the cluster's {@code state.savepoints.dir}
   * @param remoteHome the Ingest home on the cluster ({@code --home}), or null for its {@code $INGEST_HOME}
   * @param timeout how long one call or one savepoint may take
   * @param controlUrl the control API as the cluster's task managers reach it ({@code --control-url}: the jobs
   *     lease their credentials' rate budgets there), or null: each task manager keeps its own budget
   */
  public record Settings(URI restUrl, Path jobJar, String savepointDirectory, String remoteHome, Duration timeout,
      URI controlUrl) {
    public Settings {
      Objects.requireNonNull(restUrl, "restUrl");
      Objects.requireNonNull(jobJar, "jobJar");
      Objects.requireNonNull(timeout, "timeout");
    }

    public Settings(URI restUrl, Path jobJar, String savepointDirectory, String remoteHome, Duration timeout) {
      this(restUrl, jobJar, savepointDirectory, remoteHome, timeout, null);
    }
  }

  private final Settings settings;
  private final FlinkRestClient rest;
  private final PipelineValidator validator;
  private String jarId;

  public SessionClusterDeployer(Settings settings, IngestHome home) {
    this.settings = settings;
    this.rest = new FlinkRestClient(settings.restUrl(), settings.timeout());
    this.validator = new PipelineValidator(home);
  }

  @Override
  public String target() {
    return TARGET;
  }

  @Override
  public Deployment deploy(PipelineDefinition pipeline, Deployment current) throws DeployException {
    return deploy(pipeline, current, false);
  }

  /** Deploys; the job's first run starts at once with {@code firstRun} ({@code --run-on-start}). */
  @Override
  public boolean runsOnDeploy() {
    return true;
  }

  @Override
  public Deployment deploy(PipelineDefinition pipeline, Deployment current, boolean firstRun)
      throws DeployException {
    PipelineSpec spec = validator.validate(pipeline);
    String savepoint = StartingPoint.of(this, current, POLL, settings.timeout()).orElse(null);
    return run(spec, pipeline, false, savepoint, firstRun);
  }

  @Override
  public Deployment pause(Deployment deployment) throws DeployException {
    try {
      String[] trigger = {rest.stopWithSavepoint(deployment.id(), settings.savepointDirectory())};
      String location = Poll.until(() -> {
        try {
          return rest.savepointLocation(deployment.id(), trigger[0]);
        } catch (IOException e) {
          // a job reads RUNNING before all its tasks do; until they do, Flink refuses the savepoint: ask again
          if (e.getMessage().contains(TASKS_NOT_RUNNING)) {
            trigger[0] = rest.stopWithSavepoint(deployment.id(), settings.savepointDirectory());
            return Optional.empty();
          }
          throw e;
        }
      }, POLL, settings.timeout(), "the savepoint of pipeline '" + deployment.pipeline() + "'");
      // the savepoint completes just before the job stops: a pause returns once it has stopped
      Poll.until(() -> rest.jobState(deployment.id()).filter(SessionClusterDeployer::isTerminal), POLL,
          settings.timeout(), "the stop of pipeline '" + deployment.pipeline() + "' after its savepoint");
      return deployment.withSavepoint(location);
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
    return run(spec, pipeline, false, deployment.savepoint());
  }

  @Override
  public void delete(Deployment deployment) throws DeployException {
    try {
      Optional<String> state = rest.jobState(deployment.id());
      if (state.isPresent() && !isTerminal(state.get())) {
        rest.cancel(deployment.id());
      }
    } catch (IOException e) {
      throw failure("delete", deployment.pipeline(), e);
    }
  }

  @Override
  public DeploymentStatus status(Deployment deployment) throws DeployException {
    try {
      Optional<String> state = rest.jobState(deployment.id());
      if (state.isEmpty()) {
        // a stopped job with a savepoint is paused even after the cluster forgot it (jobstore.expiration-time)
        return deployment.savepoint() != null
            ? new DeploymentStatus(State.PAUSED, "", "savepoint " + deployment.savepoint())
            : new DeploymentStatus(State.NOT_FOUND, "", "no job " + deployment.id() + " on " + rest.base());
      }
      String flink = state.get();
      String url = FlinkWebUi.jobUrl(rest.base(), deployment.id(), isTerminal(flink));
      if ("FINISHED".equals(flink) && deployment.savepoint() != null) {
        return new DeploymentStatus(State.PAUSED, flink, "savepoint " + deployment.savepoint()).withJobUrl(url);
      }
      if ("FAILED".equals(flink)) {
        return new DeploymentStatus(State.FAILED, flink, rest.rootException(deployment.id())).withJobUrl(url);
      }
      if (isTerminal(flink)) {
        return new DeploymentStatus(State.ofFlinkJob(flink), flink, "").withJobUrl(url);
      }
      TaskCounts tasks = rest.taskCounts(deployment.id()).orElse(new TaskCounts(Map.of()));
      return JobReadiness.of(flink, tasks, () -> rest.rootException(deployment.id()), url);
    } catch (IOException e) {
      throw failure("read the status of", deployment.pipeline(), e);
    }
  }

  /** The cluster's task slots, from {@code GET /overview}. */
  @Override
  public java.util.OptionalInt taskSlots() throws DeployException {
    try {
      return java.util.OptionalInt.of(rest.slotsTotal());
    } catch (IOException e) {
      throw new DeployException("cannot read the task slots of the Flink session cluster at " + rest.base() + ": "
          + e.getMessage(), e);
    }
  }

  @Override
  public Deployment runNow(PipelineDefinition pipeline) throws DeployException {
    return run(validator.validate(pipeline), pipeline, true, null);
  }

  /** Metric values of the pipeline's job whose id contains {@code contains} (see {@link FlinkRestClient}). */
  public Map<String, String> metrics(Deployment deployment, String contains) throws DeployException {
    try {
      return rest.vertexMetrics(deployment.id(), contains);
    } catch (IOException e) {
      throw failure("read the metrics of", deployment.pipeline(), e);
    }
  }

  private Deployment run(PipelineSpec spec, PipelineDefinition pipeline, boolean once, String savepoint)
      throws DeployException {
    return run(spec, pipeline, once, savepoint, false);
  }

  private Deployment run(PipelineSpec spec, PipelineDefinition pipeline, boolean once, String savepoint,
      boolean runOnStart) throws DeployException {
    try {
      List<String> args = List.of(IngestJob.arguments(pipeline.yaml(), once, settings.remoteHome(), spec.network(),
          runOnStart, settings.controlUrl()));
      String jobId = rest.runJar(jar(), IngestJob.class.getName(), args, spec.runtime().parallelism(), savepoint);
      return new Deployment(spec.name(), TARGET, jobId, null);
    } catch (IOException e) {
      throw failure("deploy", spec.name(), e);
    }
  }

  private synchronized String jar() throws IOException {
    if (jarId == null || !rest.hasJar(jarId)) {
      jarId = rest.uploadJar(settings.jobJar());
    }
    return jarId;
  }

  private static boolean isTerminal(String state) {
    return switch (state) {
      case "FINISHED", "FAILED", "CANCELED", "SUSPENDED" -> true;
      default -> false;
    };
  }

  private DeployException failure(String action, String pipeline, Exception e) {
    if (e instanceof DeployException d) {
      return new DeployException("cannot " + action + " pipeline '" + pipeline + "': " + d.getMessage(), d);
    }
    return new DeployException("cannot " + action + " pipeline '" + pipeline + "' on the Flink session cluster at "
        + rest.base() + ": " + e.getMessage(), e);
  }
}
