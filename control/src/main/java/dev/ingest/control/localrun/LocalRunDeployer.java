package dev.ingest.control.localrun;

import dev.ingest.control.api.Deployer;
import dev.ingest.control.api.DeployerException;
import dev.ingest.control.api.DeploymentStatus;
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
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The simplest deployer that works on one machine with nothing installed: on each cron tick (and on run-now) it
 * runs the pipeline once, as a bounded job on a Flink MiniCluster in this JVM ({@link LocalPipelineRunner}), one
 * run at a time. Results land in the pipeline's tables and runs table like any other run; the control API reads
 * them from there. A long-running local Flink cluster with the web UI (dev.ingest.control.deploy) replaces it for
 * {@code ./ingest up} once it exists; this one stays useful where a cluster is too heavy.
 */
public final class LocalRunDeployer implements Deployer, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LocalRunDeployer.class);
  private static final String PREFIX = "local-";

  private final IngestHome home;
  private final SecretStoreProvider secrets;
  private final Clock clock;
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(daemon("ingest-cron"));
  private final ExecutorService runner = Executors.newSingleThreadExecutor(daemon("ingest-local-run"));
  private final Map<String, Deployment> deployments = new ConcurrentHashMap<>();

  private static final class Deployment {
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
  }

  @Override
  public String deploy(PipelineSpec pipeline) {
    String id = PREFIX + pipeline.name();
    Deployment d = deployments.computeIfAbsent(id, k -> new Deployment());
    d.spec = pipeline;
    d.paused = false;
    schedule(id, d);
    return id;
  }

  @Override
  public void pause(String deploymentId) {
    Deployment d = get(deploymentId);
    d.paused = true;
    cancel(d);
  }

  @Override
  public void resume(String deploymentId, PipelineSpec pipeline) {
    Deployment d = get(deploymentId);
    d.spec = pipeline;
    d.paused = false;
    schedule(deploymentId, d);
  }

  @Override
  public void runNow(String deploymentId) {
    Deployment d = get(deploymentId);
    runner.execute(() -> runOnce(d));
  }

  @Override
  public void delete(String deploymentId) {
    Deployment d = deployments.remove(deploymentId);
    if (d != null) {
      cancel(d);
    }
  }

  @Override
  public DeploymentStatus status(String deploymentId) {
    Deployment d = deployments.get(deploymentId);
    if (d == null) {
      return DeploymentStatus.of(DeploymentStatus.State.NOT_FOUND, false);
    }
    DeploymentStatus.State state = d.paused ? DeploymentStatus.State.PAUSED : DeploymentStatus.State.RUNNING;
    return new DeploymentStatus(state, d.running.get(), Optional.ofNullable(d.lastFailure), Optional.empty());
  }

  private void schedule(String id, Deployment d) {
    cancel(d);
    Instant now = clock.instant();
    Optional<Instant> next = CronSchedule.parse(d.spec.schedule()).nextAfter(now);
    if (next.isEmpty()) {
      return;
    }
    long delay = Math.max(0, Duration.between(now, next.get()).toMillis());
    d.nextTick = timer.schedule(() -> {
      runner.execute(() -> runOnce(d));
      if (deployments.get(id) == d && !d.paused) {
        schedule(id, d);
      }
    }, delay, TimeUnit.MILLISECONDS);
  }

  private void runOnce(Deployment d) {
    PipelineSpec spec = d.spec;
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

  private Deployment get(String id) {
    Deployment d = deployments.get(id);
    if (d == null) {
      throw new DeployerException("no local deployment " + id + " (the control plane restarted? deploy again)");
    }
    return d;
  }

  private static void cancel(Deployment d) {
    ScheduledFuture<?> tick = d.nextTick;
    if (tick != null) {
      tick.cancel(false);
    }
  }

  private static java.util.concurrent.ThreadFactory daemon(String name) {
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
