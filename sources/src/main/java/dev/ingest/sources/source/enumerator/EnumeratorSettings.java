package dev.ingest.sources.source.enumerator;

import dev.ingest.sources.schedule.CronSchedule;
import java.time.Duration;
import java.util.List;
import java.util.Map;
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
 * @param parentPageLimits per fanned-out endpoint, the most parent pages one run may walk (the parent's
 *     {@code max_pages}, see {@link ParentWalk}); an endpoint without an entry is not capped
 * @param runOnStart scheduled: a job that starts fresh (no run created yet) starts its first run at once rather
 *     than at the first cron fire time (a deploy's first run)
 */
public record EnumeratorSettings(
    String pipeline, List<String> endpoints, Optional<CronSchedule> schedule, Duration tickInterval,
    Set<String> fannedOut, Map<String, Integer> parentPageLimits, boolean runOnStart) {

  /** Settings without a run on start. */
  public EnumeratorSettings(String pipeline, List<String> endpoints, Optional<CronSchedule> schedule,
      Duration tickInterval, Set<String> fannedOut, Map<String, Integer> parentPageLimits) {
    this(pipeline, endpoints, schedule, tickInterval, fannedOut, parentPageLimits, false);
  }

  /** These settings with a run on start, or without. */
  public EnumeratorSettings withRunOnStart(boolean enabled) {
    return new EnumeratorSettings(pipeline, endpoints, schedule, tickInterval, fannedOut, parentPageLimits, enabled);
  }

  /** Settings whose fanned-out endpoints walk their parents without a page cap (the loop guard still holds). */
  public EnumeratorSettings(String pipeline, List<String> endpoints, Optional<CronSchedule> schedule,
      Duration tickInterval, Set<String> fannedOut) {
    this(pipeline, endpoints, schedule, tickInterval, fannedOut, Map.of());
  }

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
    parentPageLimits = Map.copyOf(parentPageLimits);
    for (Map.Entry<String, Integer> limit : parentPageLimits.entrySet()) {
      if (!fannedOut.contains(limit.getKey()) || limit.getValue() < 1) {
        throw new IllegalArgumentException("parentPageLimits: " + limit.getKey() + "=" + limit.getValue()
            + " must name a fanned-out endpoint " + fannedOut + " with a limit >= 1");
      }
    }
  }

  /** True when the source runs once and ends. */
  public boolean bounded() {
    return schedule.isEmpty();
  }
}
