package dev.ingest.jobs.spec;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ingest.sources.schedule.CronSchedule;
import dev.ingest.sources.spec.SpecReader;

/** Reads a pipeline's {@code schedule}: a required cron expression ({@link CronSchedule}). */
final class ScheduleParser {
  private ScheduleParser() {}

  /** The cron expression as written; null when absent (an error is recorded then, and when it does not parse). */
  static String parse(JsonNode root, SpecReader r) {
    String schedule = r.requiredString(root, "", "schedule");
    if (schedule != null) {
      try {
        CronSchedule.parse(schedule);
      } catch (IllegalArgumentException e) {
        r.error("schedule", e.getMessage()); // "invalid cron expression '...': why"
      }
    }
    return schedule;
  }
}
