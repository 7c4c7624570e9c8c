/**
 * The source's split enumerator on the job manager: cron runs, run tracking, split assignment, parent/child fan-out,
 * and its checkpointed state ({@link dev.ingest.sources.source.enumerator.ApiEnumState} and serializer).
 */
package dev.ingest.sources.source.enumerator;
