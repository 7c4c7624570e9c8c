package dev.ingest.jobs.spec;

import java.io.Serializable;
import java.time.Duration;

/**
 * Table maintenance settings of a pipeline ({@code ./ingest maintain}).
 *
 * @param snapshotRetention snapshots older than this are expired (their unreferenced files deleted)
 * @param retainLast at least this many snapshots are kept on every branch, however old
 * @param targetFileSizeBytes compaction rewrites small data files into files of about this size
 */
public record MaintenanceOptions(Duration snapshotRetention, int retainLast, long targetFileSizeBytes)
    implements Serializable {

  public static final MaintenanceOptions DEFAULTS = new MaintenanceOptions(Duration.ofDays(7), 5, 128L << 20);

  public MaintenanceOptions {
    if (snapshotRetention.isNegative()) {
      throw new IllegalArgumentException("snapshotRetention must not be negative");
    }
    if (retainLast < 1) {
      throw new IllegalArgumentException("retainLast must be at least 1");
    }
    if (targetFileSizeBytes < 1) {
      throw new IllegalArgumentException("targetFileSizeBytes must be positive");
    }
  }
}
