package dev.ingest.sinks.maintenance;

import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;

/**
 * What {@link StreamingMaintenance} does to one table and when: the tasks' settings and their triggers (after a
 * number of commits, and/or at an interval since the table's last maintenance; either fires).
 *
 * @param targetFileSizeBytes compaction's target data file size
 * @param snapshotRetention snapshots older than this are expired
 * @param retainLast snapshots kept however old
 * @param orphanMinAge unreferenced files younger than this are never deleted (a commit may be in flight)
 * @param afterCommits run after this many new commits; 0 = not on commits
 * @param every run when this long passed since the last run; zero = not on time
 * @param checkInterval how often the monitor reads new snapshots; also the least time between two triggers
 */
public record MaintenancePlan(long targetFileSizeBytes, Duration snapshotRetention, int retainLast,
    Duration orphanMinAge, int afterCommits, Duration every, Duration checkInterval) implements Serializable {

  public MaintenancePlan {
    Objects.requireNonNull(snapshotRetention, "snapshotRetention");
    Objects.requireNonNull(orphanMinAge, "orphanMinAge");
    Objects.requireNonNull(every, "every");
    Objects.requireNonNull(checkInterval, "checkInterval");
    if (afterCommits <= 0 && every.isZero()) {
      throw new IllegalArgumentException("a maintenance plan needs a trigger: afterCommits or every");
    }
    if (checkInterval.toSeconds() < 1) {
      throw new IllegalArgumentException("checkInterval must be at least 1s");
    }
  }
}
