package dev.ingest.control.deploy.localrun;

import dev.ingest.control.deploy.DeployException;
import dev.ingest.control.deploy.Deployer;
import dev.ingest.control.model.Deployment;
import dev.ingest.control.model.DeploymentStatus;
import dev.ingest.control.model.DeploymentStatus.State;
import dev.ingest.control.model.PipelineDefinition;
import dev.ingest.control.deploy.PipelineValidator;
import dev.ingest.jobs.IngestHome;
import dev.ingest.jobs.local.LocalPipelineRunner;
import dev.ingest.jobs.spec.PipelineSpec;
import dev.ingest.sources.schedule.CronSchedule;
import dev.ingest.sources.secret.SecretStoreProvider;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lightest deployer ({@code deployer: local-runs}): no long-running job at all. On each cron tick (and on
 * run-now) it runs the pipeline once, as a bounded job on a Flink MiniCluster in this JVM
 * ({@link LocalPipelineRunner}), one run at a time. Results land in the pipeline's tables and runs table like any
 * other run. There is no Flink web UI and no savepoint: a pause just stops the ticks. Deployments live in memory;
 * after a restart the control plane deploys (or, for paused pipelines, nothing happens until resume) again.
 * The default for {@code ./ingest up} is the long-running {@code local} deployer with the Flink UI.
 */
public final class LocalRunDeployer implements Deployer, AutoCloseable {
  public static final String TARGET = "local-runs";
  private static final Logger LOG = LoggerFactory.getLogger(LocalRunDeployer.class);
  private static final String RUN_SUFFIX = "/run-now";

  private final IngestHome home;
  private final SecretStoreProvider secrets;
  private final Clock clock;
  private final PipelineValidator validator;
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(daemon("ingest-cron"));
  private final ExecutorService runner = Executors.newSingleThreadExecutor(daemon("ingest-local-run"));
  private final Map<String, Scheduled> deployments = new ConcurrentHashMap<>();
  private final Map<String, Future<?>> runsNow = new ConcurrentHashMap<>();

  /** One pipeline's schedule. */
  private static final class Scheduled {
    volatile PipelineSpec spec;
    volatile boolean paused;
    volatile ScheduledFuture<?> nextTick;
    volatile String lastFailure;
    final AtomicBoolean running = new AtomicBoolean();
  }

  public LocalRunDeployer(IngestHome home, SecretStoreProvider secrets, Clock clock) {
    this.home = home;
    this.secrets = secrets;
    this.clock = clock;
    this.validator = new PipelineValidator(home);
  }

  @Override
  public String target() {
    return TARGET;
  }

  @Override
  public Deployment deploy(PipelineDefinition pipeline, Deployment current) throws DeployException {
    return start(validator.validate(pipeline));
  }

  @Override
  public Deployment pause(Deployment deployment) {
    Scheduled d = deployments.get(deployment.id());
    if (d != null) {
      d.paused = true;
      cancel(d);
    }
    return deployment;
  }

  @Override
  public Deployment resume(Deployment deployment, PipelineDefinition pipeline) throws DeployException {
    return start(validator.validate(pipeline));
  }

  @Override
  public void delete(Deployment deployment) {
    Scheduled d = deployments.remove(deployment.id());
    if (d != null) {
      cancel(d);
    }
  }

  @Override
  public DeploymentStatus status(Deployment deployment) {
    if (deployment.id().endsWith(RUN_SUFFIX)) {
      Future<?> run = runsNow.get(deployment.id());
      if (run == null) {
        return new DeploymentStatus(State.NOT_FOUND, "", "no run-now job " + deployment.id());
      }
      return run.isDone() ? new DeploymentStatus(State.FINISHED, "FINISHED", "")
          : new DeploymentStatus(State.RUNNING, "RUNNING", "", true, "");
    }
    Scheduled d = deployments.get(deployment.id());
    if (d == null) {
      return new DeploymentStatus(State.NOT_FOUND, "", "no local deployment " + deployment.id()
          + " (deployments of this deployer live in memory)");
    }
    State state = d.paused ? State.PAUSED : State.RUNNING;
    return new DeploymentStatus(state, state.name(), d.lastFailure, d.running.get(), "");
  }

  @Override
  public boolean runsEachRunAsAJob() {
    return true;
  }

  @Override
  public Deployment runNow(PipelineDefinition pipeline) throws DeployException {
    PipelineSpec spec = validator.validate(pipeline);
    Scheduled d = deployments.getOrDefault(id(spec.name()), new Scheduled());
    String runId = id(spec.name()) + RUN_SUFFIX;
    runsNow.put(runId, runner.submit(() -> runOnce(d, spec)));
    return new Deployment(spec.name(), TARGET, runId, null);
  }

  private Deployment start(PipelineSpec spec) {
    String id = id(spec.name());
    Scheduled d = deployments.computeIfAbsent(id, k -> new Scheduled());
    d.spec = spec;
    d.paused = false;
    schedule(id, d);
    return new Deployment(spec.name(), TARGET, id, null);
  }

  private void schedule(String id, Scheduled d) {
    cancel(d);
    Instant now = clock.instant();
    Optional<Instant> next = CronSchedule.parse(d.spec.schedule()).nextAfter(now);
    if (next.isEmpty()) {
      return;
    }
    long delay = Math.max(0, Duration.between(now, next.get()).toMillis());
    d.nextTick = timer.schedule(() -> {
      runner.execute(() -> runOnce(d, d.spec));
      if (deployments.get(id) == d && !d.paused) {
        schedule(id, d);
      }
    }, delay, TimeUnit.MILLISECONDS);
  }

  private void runOnce(Scheduled d, PipelineSpec spec) {
    d.running.set(true);
    try {
      new LocalPipelineRunner(home, secrets).progress(false).runOnce(spec);
      d.lastFailure = null;
    } catch (Exception e) {
      // endpoint failures are recorded in the runs table; this is a job that could not run at all
      d.lastFailure = e.getClass().getSimpleName() + ": " + e.getMessage();
      LOG.warn("Local run of pipeline {} failed: {}", spec.name(), d.lastFailure);
    } finally {
      d.running.set(false);
    }
  }

  private static String id(String pipeline) {
    return TARGET + "-" + pipeline;
  }

  private static void cancel(Scheduled d) {
    ScheduledFuture<?> tick = d.nextTick;
    if (tick != null) {
      tick.cancel(false);
    }
  }

  private static ThreadFactory daemon(String name) {
    return r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    };
  }

  @Override
  public void close() {
    timer.shutdownNow();
    runner.shutdownNow();
  }
}
