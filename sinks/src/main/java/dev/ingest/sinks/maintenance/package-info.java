/**
 * Table maintenance: the batch pass of {@code ./ingest maintain} ({@link dev.ingest.sinks.maintenance.TableMaintenance}:
 * compaction of small data files, expiry of old snapshots), and the streaming maintenance a pipeline's job carries on
 * its {@code maintenance} schedule ({@link dev.ingest.sinks.maintenance.StreamingMaintenance}: Iceberg's Flink
 * {@code TableMaintenance} with compaction, snapshot expiry and orphan-file removal, plus the removal of delete files
 * compaction leaves dangling, {@link dev.ingest.sinks.maintenance.DanglingDeletes}).
 */
package dev.ingest.sinks.maintenance;
