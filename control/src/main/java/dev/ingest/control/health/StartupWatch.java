package dev.ingest.control.health;

import dev.ingest.control.model.DeploymentStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Bounds how long a job may stay {@link DeploymentStatus.State#DEPLOYING} (tasks {@code CREATED} or
 * {@code SCHEDULED}, waiting for task slots): from the first time the control plane sees a job so until it sees
 * every task running. Past the bound the job reads {@link DeploymentStatus.State#NO_RESOURCES}, a failure with
 * its reason, instead of starting forever. Flink itself gives up only after its slot request timeout (minutes),
 * and restarts the job after that, so without this bound a job that cannot run looks like one about to.
 */
public final class StartupWatch {
  /** The bound unless configured: long enough for a busy 2-core machine to start a job. */
  public static final Duration DEFAULT_BOUND = Duration.ofSeconds(90);

  private final Duration bound;
  private final Clock clock;
  private final Map<String, Instant> pendingSince = new ConcurrentHashMap<>();

  public StartupWatch(Duration bound, Clock clock) {
    if (bound.isNegative() || bound.isZero()) {
      throw new IllegalArgumentException("startup bound must be positive, got " + bound);
    }
    this.bound = bound;
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** The status of job {@code jobId} as observed now, turned into {@code NO_RESOURCES} once it waited too long. */
  public DeploymentStatus observe(String jobId, DeploymentStatus status) {
    if (status.state() != DeploymentStatus.State.DEPLOYING) {
      pendingSince.remove(jobId);
      return status;
    }
    Instant now = clock.instant();
    Duration waited = Duration.between(pendingSince.computeIfAbsent(jobId, id -> now), now);
    if (waited.compareTo(bound) < 0) {
      return status;
    }
    return new DeploymentStatus(DeploymentStatus.State.NO_RESOURCES, status.flinkState(),
        "the job's tasks are not running after " + waited.toSeconds() + " s (" + status.detail()
            + "): the cluster has no free task slot for it, or its tasks cannot start; free slots (pause or "
            + "undeploy a pipeline) or add task slots", status.runInProgress(), status.jobUrl());
  }
}
