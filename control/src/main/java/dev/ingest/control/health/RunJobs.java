package dev.ingest.control.health;

import dev.ingest.sinks.runs.RunsTable;
import dev.ingest.sinks.runs.SnapshotRunIds;
import java.util.HashMap;
import java.util.Map;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;

/**
 * Which Flink job ran each run: every commit of the Iceberg sink records {@code flink.job-id} in its snapshot
 * summary and the run tracing records the run ids it added ({@value SnapshotRunIds#SUMMARY_KEY}), so the runs
 * table's snapshots map run id to job id. Snapshots expired by maintenance are gone: their runs map to nothing.
 */
final class RunJobs {
  static final String FLINK_JOB_ID = "flink.job-id";

  private RunJobs() {}

  /** Run id to Flink job id, from the snapshots of the pipeline's runs table; empty when it has none. */
  static Map<String, String> of(Catalog catalog, String pipeline) {
    TableIdentifier id = TableIdentifier.of(Namespace.of(pipeline), RunsTable.NAME);
    Map<String, String> jobs = new HashMap<>();
    if (!catalog.tableExists(id)) {
      return jobs;
    }
    Table table = catalog.loadTable(id);
    for (Snapshot snapshot : table.snapshots()) {
      Map<String, String> summary = snapshot.summary();
      String job = summary.get(FLINK_JOB_ID);
      String runs = summary.get(SnapshotRunIds.SUMMARY_KEY);
      if (job != null && runs != null && !runs.isBlank()) {
        for (String run : runs.split(",")) {
          jobs.putIfAbsent(run.trim(), job);
        }
      }
    }
    return jobs;
  }
}
