package dev.ingest.jobs.spec;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ingest.sources.spec.SpecReader;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a pipeline's {@code maintenance} block into {@link MaintenanceOptions}: snapshot retention, snapshots
 * always kept, compaction's target file size; each defaults to {@link MaintenanceOptions#DEFAULTS}.
 */
final class MaintenanceParser {
  private static final Set<String> KEYS = Set.of("snapshot_retention", "retain_last", "target_file_size_mb");

  private MaintenanceParser() {}

  static MaintenanceOptions parse(JsonNode root, SpecReader r) {
    Optional<JsonNode> node = r.optionalObject(root, "", "maintenance");
    if (node.isEmpty()) {
      return MaintenanceOptions.DEFAULTS;
    }
    r.onlyKeys(node.get(), "maintenance", KEYS);
    MaintenanceOptions d = MaintenanceOptions.DEFAULTS;
    Duration retention = d.snapshotRetention();
    Optional<String> text = r.optionalString(node.get(), "maintenance", "snapshot_retention");
    if (text.isPresent()) {
      Optional<Duration> parsed = Durations.parse(text.get());
      if (parsed.isEmpty() || parsed.get().isNegative()) {
        r.error("maintenance.snapshot_retention", "expected a duration such as 30m, 12h, P7D; got '" + text.get() + "'");
      } else {
        retention = parsed.get();
      }
    }
    int retainLast = r.optionalInt(node.get(), "maintenance", "retain_last", 1, 10_000).orElse(d.retainLast());
    long target = r.optionalInt(node.get(), "maintenance", "target_file_size_mb", 1, 8_192)
        .map(mb -> (long) mb << 20).orElse(d.targetFileSizeBytes());
    return new MaintenanceOptions(retention, retainLast, target);
  }
}
