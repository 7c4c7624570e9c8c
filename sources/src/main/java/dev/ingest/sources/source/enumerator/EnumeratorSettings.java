package dev.ingest.sources.source.enumerator;

import dev.ingest.sources.schedule.CronSchedule;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the enumerator of one pipeline needs to know.
 *
 * @param pipeline the pipeline name
 * @param endpoints the endpoints each run fetches, one split each
 * @param schedule the cron schedule (unbounded: a run per fire time), or empty for exactly one run (bounded)
 * @param tickInterval how often the unbounded enumerator evaluates the schedule
 */
public record EnumeratorSettings(
    String pipeline, List<String> endpoints, Optional<CronSchedule> schedule, Duration tickInterval) {

  public EnumeratorSettings {
    Objects.requireNonNull(pipeline, "pipeline");
    endpoints = List.copyOf(endpoints);
    Objects.requireNonNull(schedule, "schedule");
    if (tickInterval.isNegative() || tickInterval.isZero()) {
      throw new IllegalArgumentException("tickInterval must be positive, got " + tickInterval);
    }
  }

  /** True when the source runs once and ends. */
  public boolean bounded() {
    return schedule.isEmpty();
  }
}
