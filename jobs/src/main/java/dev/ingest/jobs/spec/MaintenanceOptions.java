package dev.ingest.jobs.spec;

import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;

/**
 * Table maintenance settings of a pipeline: what {@code ./ingest maintain} does, and what the pipeline's own job
 * does on its {@link MaintenanceSchedule} (compaction applying and dropping equality deletes, snapshot expiry,
 * orphan-file removal).
 *
 * @param snapshotRetention snapshots older than this are expired (their unreferenced files deleted)
 * @param retainLast at least this many snapshots are kept on every branch, however old
 * @param targetFileSizeBytes compaction rewrites small data files into files of about this size
 * @param orphanMinAge files in a table's location that no snapshot references are deleted once this old; young
 *     ones may be a writer's files of a commit still in flight
 * @param schedule when the pipeline's job maintains its tables ({@link MaintenanceSchedule#NONE}: never)
 */
public record MaintenanceOptions(Duration snapshotRetention, int retainLast, long targetFileSizeBytes,
    Duration orphanMinAge, MaintenanceSchedule schedule) implements Serializable {

  public static final Duration DEFAULT_ORPHAN_MIN_AGE = Duration.ofDays(3);
  public static final MaintenanceOptions DEFAULTS = new MaintenanceOptions(Duration.ofDays(7), 5, 128L << 20);

  public MaintenanceOptions {
    Objects.requireNonNull(orphanMinAge, "orphanMinAge");
    Objects.requireNonNull(schedule, "schedule");
    if (snapshotRetention.isNegative()) {
      throw new IllegalArgumentException("snapshotRetention must not be negative");
    }
    if (retainLast < 1) {
      throw new IllegalArgumentException("retainLast must be at least 1");
    }
    if (targetFileSizeBytes < 1) {
      throw new IllegalArgumentException("targetFileSizeBytes must be positive");
    }
    if (orphanMinAge.isNegative()) {
      throw new IllegalArgumentException("orphanMinAge must not be negative");
    }
  }

  /** The given settings, orphan files kept {@link #DEFAULT_ORPHAN_MIN_AGE}, and no maintenance in the job. */
  public MaintenanceOptions(Duration snapshotRetention, int retainLast, long targetFileSizeBytes) {
    this(snapshotRetention, retainLast, targetFileSizeBytes, DEFAULT_ORPHAN_MIN_AGE, MaintenanceSchedule.NONE);
  }
}
