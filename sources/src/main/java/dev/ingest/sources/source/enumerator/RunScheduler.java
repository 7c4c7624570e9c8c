package dev.ingest.sources.source.enumerator;

import dev.ingest.sources.schedule.CronSchedule;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Decides, on each enumerator tick, whether a cron fire time has come since the last one processed. Missed fire
 * times (the job was down, or a tick was late) collapse into one: the latest fire time at or before now.
 */
final class RunScheduler {
  private final CronSchedule schedule;
  private Instant lastFire;

  /**
   * @param schedule the pipeline's cron schedule
   * @param lastFire the last fire time processed (from a checkpoint), or the enumerator's first start time
   */
  RunScheduler(CronSchedule schedule, Instant lastFire) {
    this.schedule = Objects.requireNonNull(schedule, "schedule");
    this.lastFire = Objects.requireNonNull(lastFire, "lastFire");
  }

  /**
   * The fire time due at {@code now}, if one has passed since the last one processed, and marks it processed:
   * the caller either starts a run for it or skips it, never both, and is not asked about it again.
   */
  Optional<Instant> takeDue(Instant now) {
    Optional<Instant> next = schedule.nextAfter(lastFire);
    if (next.isEmpty() || next.get().isAfter(now)) {
      return Optional.empty();
    }
    Instant due = schedule.latestAtOrBefore(now).filter(t -> !t.isBefore(next.get())).orElse(next.get());
    lastFire = due;
    return Optional.of(due);
  }

  /** The next fire time after the last one processed (for logs). */
  Optional<Instant> upcoming() {
    return schedule.nextAfter(lastFire);
  }

  Instant lastFire() {
    return lastFire;
  }

  CronSchedule schedule() {
    return schedule;
  }
}
