package dev.ingest.jobs.spec;

import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;

/**
 * When table maintenance runs inside the pipeline's scheduled job: after this many commits to a table, and/or at
 * this interval since its last maintenance (Iceberg's maintenance triggers; either fires). {@link #NONE} runs
 * nothing in the job, leaving maintenance to {@code ./ingest maintain}.
 *
 * @param afterCommits maintain a table after this many new commits to it; 0 = not on commits
 * @param every maintain a table when this long passed since its last maintenance; {@link Duration#ZERO} = not on
 *     time
 * @param checkInterval how often the job's monitor reads the tables' new snapshots (and the fastest a trigger fires)
 */
public record MaintenanceSchedule(int afterCommits, Duration every, Duration checkInterval) implements Serializable {
  public static final Duration DEFAULT_CHECK_INTERVAL = Duration.ofMinutes(1);
  public static final MaintenanceSchedule NONE = new MaintenanceSchedule(0, Duration.ZERO, DEFAULT_CHECK_INTERVAL);

  public MaintenanceSchedule {
    Objects.requireNonNull(every, "every");
    Objects.requireNonNull(checkInterval, "checkInterval");
    if (afterCommits < 0 || every.isNegative()) {
      throw new IllegalArgumentException("afterCommits and every must not be negative");
    }
    if (checkInterval.toSeconds() < 1) {
      throw new IllegalArgumentException("checkInterval must be at least 1s");
    }
  }

  /** Whether maintenance runs inside the pipeline's job at all. */
  public boolean enabled() {
    return afterCommits > 0 || !every.isZero();
  }
}
