package dev.ingest.sources.source.enumerator;

import dev.ingest.sources.schedule.CronSchedule;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What the enumerator of one pipeline needs to know.
 *
 * @param pipeline the pipeline name
 * @param endpoints the endpoints each run fetches, one split each
 * @param schedule the cron schedule (unbounded: a run per fire time), or empty for exactly one run (bounded)
 * @param tickInterval how often the unbounded enumerator evaluates the schedule
 * @param fannedOut the endpoints with a parent: fanned out as one split per parent record (see {@link FanOuts})
 */
public record EnumeratorSettings(
    String pipeline, List<String> endpoints, Optional<CronSchedule> schedule, Duration tickInterval,
    Set<String> fannedOut) {

  /** Settings without fanned-out endpoints. */
  public EnumeratorSettings(
      String pipeline, List<String> endpoints, Optional<CronSchedule> schedule, Duration tickInterval) {
    this(pipeline, endpoints, schedule, tickInterval, Set.of());
  }

  public EnumeratorSettings {
    Objects.requireNonNull(pipeline, "pipeline");
    endpoints = List.copyOf(endpoints);
    Objects.requireNonNull(schedule, "schedule");
    if (tickInterval.isNegative() || tickInterval.isZero()) {
      throw new IllegalArgumentException("tickInterval must be positive, got " + tickInterval);
    }
    fannedOut = Set.copyOf(fannedOut);
    if (!endpoints.containsAll(fannedOut)) {
      throw new IllegalArgumentException("fannedOut " + fannedOut + " must be among the endpoints " + endpoints);
    }
  }

  /** True when the source runs once and ends. */
  public boolean bounded() {
    return schedule.isEmpty();
  }
}
