/** When a pipeline runs: {@link dev.ingest.sources.schedule.CronSchedule}, a cron expression in a time zone. */
package dev.ingest.sources.schedule;
