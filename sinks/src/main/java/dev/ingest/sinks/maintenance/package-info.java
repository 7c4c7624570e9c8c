/**
 * Table maintenance ({@code ./ingest maintain}): compaction of small data files and expiry of old snapshots.
 */
package dev.ingest.sinks.maintenance;
