package dev.ingest.tools.bench;

import dev.ingest.jobs.IngestHome;
import dev.ingest.jobs.local.LocalPipelineRunner;
import dev.ingest.sinks.runs.RunReport;
import dev.ingest.jobs.spec.PipelineSpec;
import dev.ingest.sinks.catalog.Catalogs;
import dev.ingest.sources.secret.SecretStoreProvider;
import java.time.OffsetDateTime;
import java.util.BitSet;
import java.util.List;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;

/**
 * One bounded, measured pipeline run of a benchmark over pre-rendered pages, and the checks on what it landed:
 * what {@link E2eBenchmark} and {@link ManifestBenchmark} share.
 */
final class BenchRun {
  private BenchRun() {}

  /**
   * A measured run.
   *
   * @param seconds endpoint run time: commit time of the table's last snapshot − the run's first request (both
   *     read from Iceberg and the runs table)
   * @param wallSeconds the whole local run (MiniCluster start, table planning, job, shutdown)
   * @param freshnessMs the commit time − the endpoint run's end
   */
  record Measured(long records, double seconds, double wallSeconds, long freshnessMs, Table table) {
    double recordsPerSecond() {
      return records / seconds;
    }
  }

  /** Runs {@code spec} once on a local MiniCluster and checks {@code endpoint}'s table holds exactly the served ids. */
  static Measured run(IngestHome home, SecretStoreProvider secrets, PipelineSpec spec, String endpoint,
      long records, int parallelism) throws Exception {
    dropTables(spec, endpoint);
    Configuration conf = new Configuration();
    conf.set(TaskManagerOptions.NUM_TASK_SLOTS, Math.max(1, parallelism));
    long wall0 = System.nanoTime();
    RunReport report = new LocalPipelineRunner(home, secrets).progress(false).configure(conf).runOnce(spec);
    double wallSeconds = (System.nanoTime() - wall0) / 1e9;
    if (report.failed()) {
      throw new IllegalStateException("benchmark run failed: " + report);
    }
    Catalog catalog = Catalogs.open(spec.destination());
    Table table = catalog.loadTable(TableIdentifier.of(spec.name(), endpoint));
    requireServedIds(table, records);
    Table runs = catalog.loadTable(TableIdentifier.of(spec.name(), "_ingest_runs"));
    long startedAt = Long.MAX_VALUE;
    long endedAt = 0;
    try (CloseableIterable<Record> rows = IcebergGenerics.read(runs).build()) {
      for (Record r : rows) {
        startedAt = Math.min(startedAt, epochMillis(r.getField("started_at")));
        endedAt = Math.max(endedAt, epochMillis(r.getField("ended_at")));
      }
    }
    long committedAt = lastCommit(table);
    return new Measured(records, (committedAt - startedAt) / 1000.0, wallSeconds, committedAt - endedAt, table);
  }

  static void dropTables(PipelineSpec spec, String endpoint) {
    Catalog catalog = Catalogs.open(spec.destination());
    for (String table : List.of(endpoint, "_ingest_runs", "_ingest_dead_letters")) {
      catalog.dropTable(TableIdentifier.of(spec.name(), table), true);
    }
  }

  /** The table holds exactly the ids served ({@code rec_00000001..}), each once; throws naming what differs. */
  static void requireServedIds(Table table, long records) throws Exception {
    requireCount(table, records);
    BitSet seen = new BitSet(Math.toIntExact(records));
    long rows = 0;
    try (CloseableIterable<Record> rowsRead = IcebergGenerics.read(table).select("id").build()) {
      for (Record r : rowsRead) {
        String id = (String) r.getField("id");
        int index = id != null && id.startsWith("rec_") ? Integer.parseInt(id.substring(4)) - 1 : -1;
        if (index < 0 || index >= records || seen.get(index)) {
          throw new IllegalStateException(table.name() + ": unexpected or repeated id " + id);
        }
        seen.set(index);
        rows++;
      }
    }
    if (rows != records || seen.cardinality() != records) {
      throw new IllegalStateException(table.name() + " holds " + seen.cardinality() + " of the " + records
          + " served ids");
    }
  }

  static void requireCount(Table table, long expected) {
    table.refresh();
    Snapshot current = table.currentSnapshot();
    long rows = current == null ? 0 : Long.parseLong(current.summary().getOrDefault("total-records", "0"));
    if (rows != expected) {
      throw new IllegalStateException(table.name() + " holds " + rows + " rows, expected " + expected);
    }
  }

  private static long lastCommit(Table table) {
    table.refresh();
    return table.currentSnapshot().timestampMillis();
  }

  private static long epochMillis(Object timestamp) {
    return ((OffsetDateTime) timestamp).toInstant().toEpochMilli();
  }

  static double round(double v) {
    return Math.round(v * 10) / 10.0;
  }

  static double round3(double v) {
    return Math.round(v * 1000) / 1000.0;
  }
}
