package dev.ingest.jobs.spec;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ingest.sources.spec.SpecReader;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a pipeline's {@code maintenance} block into {@link MaintenanceOptions}: snapshot retention, snapshots
 * always kept, compaction's target file size, the age of orphan files that may be deleted, and when the
 * pipeline's job maintains its tables ({@code after_commits}, {@code every}, {@code check_interval}); each
 * defaults to {@link MaintenanceOptions#DEFAULTS}.
 */
final class MaintenanceParser {
  private static final Set<String> KEYS = Set.of("snapshot_retention", "retain_last", "target_file_size_mb",
      "orphan_min_age", "after_commits", "every", "check_interval");

  private MaintenanceParser() {}

  static MaintenanceOptions parse(JsonNode root, SpecReader r) {
    Optional<JsonNode> node = r.optionalObject(root, "", "maintenance");
    if (node.isEmpty()) {
      return MaintenanceOptions.DEFAULTS;
    }
    JsonNode m = node.get();
    r.onlyKeys(m, "maintenance", KEYS);
    MaintenanceOptions d = MaintenanceOptions.DEFAULTS;
    Duration retention = d.snapshotRetention();
    Optional<String> text = r.optionalString(m, "maintenance", "snapshot_retention");
    if (text.isPresent()) {
      Optional<Duration> parsed = Durations.parse(text.get());
      if (parsed.isEmpty() || parsed.get().isNegative()) {
        r.error("maintenance.snapshot_retention", "expected a duration such as 30m, 12h, P7D; got '" + text.get() + "'");
      } else {
        retention = parsed.get();
      }
    }
    int retainLast = r.optionalInt(m, "maintenance", "retain_last", 1, 10_000).orElse(d.retainLast());
    long target = r.optionalInt(m, "maintenance", "target_file_size_mb", 1, 8_192)
        .map(mb -> (long) mb << 20).orElse(d.targetFileSizeBytes());
    Duration orphanMinAge = Durations.field(m, r, "maintenance", "orphan_min_age", "1m", "3650d")
        .orElse(d.orphanMinAge());
    int afterCommits = r.optionalInt(m, "maintenance", "after_commits", 1, 1_000_000).orElse(0);
    Duration every = Durations.field(m, r, "maintenance", "every", "1m", "3650d").orElse(Duration.ZERO);
    Duration check = Durations.field(m, r, "maintenance", "check_interval", "1s", "1h")
        .orElse(MaintenanceSchedule.DEFAULT_CHECK_INTERVAL);
    return new MaintenanceOptions(retention, retainLast, target, orphanMinAge,
        new MaintenanceSchedule(afterCommits, every, check));
  }
}
