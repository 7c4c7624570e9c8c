package dev.ingest.tools.bench;

import dev.ingest.sinks.maintenance.MaintenancePlan;
import dev.ingest.sinks.maintenance.StreamingMaintenance;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.types.logical.RowType;
import org.apache.hadoop.conf.Configuration;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.RowDelta;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableProperties;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.flink.FlinkSchemaUtil;
import org.apache.iceberg.flink.TableLoader;
import org.apache.iceberg.flink.sink.RowDataTaskWriterFactory;
import org.apache.iceberg.hadoop.HadoopTables;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.io.TaskWriter;
import org.apache.iceberg.io.WriteResult;
import org.apache.iceberg.types.Types;

/**
 * What table maintenance does to an upsert table: writes {@code runs} upsert commits of every key (each commit is
 * what one pipeline run that fits in one checkpoint commits: Iceberg's Flink upsert writer, the one the sink uses,
 * then one row delta), counts data and delete files and times a full scan with Iceberg's reader, runs
 * {@link StreamingMaintenance} in a MiniCluster until no delete file is left, and measures again.
 *
 * <pre>UpsertMaintenanceBenchmark WORK_DIR [RUNS=100] [KEYS=5000]</pre>
 */
public final class UpsertMaintenanceBenchmark {
  private static final Schema SCHEMA = new Schema(List.of(
      Types.NestedField.required(1, "id", Types.LongType.get()),
      Types.NestedField.optional(2, "v", Types.StringType.get())), Set.of(1));
  private static final int SCAN_REPEATS = 3;

  private UpsertMaintenanceBenchmark() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 1) {
      throw new IllegalArgumentException("usage: UpsertMaintenanceBenchmark WORK_DIR [RUNS] [KEYS]");
    }
    Path work = Path.of(args[0]);
    int runs = args.length > 1 ? Integer.parseInt(args[1]) : 100;
    int keys = args.length > 2 ? Integer.parseInt(args[2]) : 5_000;
    System.out.println(run(work, runs, keys));
  }

  /** Runs the benchmark; the figures before and after maintenance. */
  public static Map<String, Object> run(Path work, int runs, int keys) throws Exception {
    Files.createDirectories(work);
    String location = work.resolve("table-" + System.nanoTime()).toUri().toString();
    Table table = new HadoopTables(new Configuration()).create(SCHEMA, PartitionSpec.unpartitioned(),
        Map.of(TableProperties.FORMAT_VERSION, "2", TableProperties.UPSERT_ENABLED, "true"), location);
    long writeStart = System.nanoTime();
    for (int run = 1; run <= runs; run++) {
      commitUpsert(table, keys, run);
    }
    Map<String, Object> figures = new LinkedHashMap<>();
    figures.put("runs", runs);
    figures.put("keys", keys);
    figures.put("write_seconds", (System.nanoTime() - writeStart) / 1e9);
    figures.put("before", measure(table, keys, runs));

    long maintenanceStart = System.nanoTime();
    maintain(location);
    figures.put("maintenance_seconds", (System.nanoTime() - maintenanceStart) / 1e9);
    table.refresh();
    figures.put("after", measure(table, keys, runs));
    return figures;
  }

  private static void commitUpsert(Table table, int keys, int run) throws Exception {
    RowType rowType = FlinkSchemaUtil.convert(SCHEMA);
    RowDataTaskWriterFactory factory = new RowDataTaskWriterFactory(table, rowType, 128L << 20,
        FileFormat.PARQUET, Map.of(), List.of(1), true);
    factory.initialize(0, run);
    TaskWriter<org.apache.flink.table.data.RowData> writer = factory.create();
    for (long id = 1; id <= keys; id++) {
      writer.write(GenericRowData.of(id, StringData.fromString("run-" + run)));
    }
    WriteResult result = writer.complete();
    RowDelta delta = table.newRowDelta();
    for (var file : result.dataFiles()) {
      delta.addRows(file);
    }
    for (var file : result.deleteFiles()) {
      delta.addDeletes(file);
    }
    delta.commit();
  }

  private static Map<String, Object> measure(Table table, int keys, int runs) throws Exception {
    Map<String, String> summary = table.currentSnapshot().summary();
    List<Double> scans = new ArrayList<>();
    long rows = 0;
    for (int i = 0; i < SCAN_REPEATS; i++) {
      long start = System.nanoTime();
      rows = 0;
      String expected = "run-" + runs;
      try (CloseableIterable<Record> it = IcebergGenerics.read(table).build()) {
        for (Record r : it) {
          if (!expected.equals(r.getField("v"))) {
            throw new IllegalStateException("row " + r + " is not of the last run");
          }
          rows++;
        }
      }
      scans.add((System.nanoTime() - start) / 1e6);
    }
    if (rows != keys) {
      throw new IllegalStateException("full scan read " + rows + " rows, expected " + keys);
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("rows", rows);
    m.put("data_files", Long.parseLong(summary.get("total-data-files")));
    m.put("delete_files", Long.parseLong(summary.get("total-delete-files")));
    m.put("equality_deletes", Long.parseLong(summary.get("total-equality-deletes")));
    m.put("position_deletes", Long.parseLong(summary.get("total-position-deletes")));
    long snapshots = 0;
    for (var ignored : table.snapshots()) {
      snapshots++;
    }
    m.put("snapshots", snapshots);
    m.put("full_scan_ms", scans.stream().mapToDouble(Double::doubleValue).min().orElseThrow());
    return m;
  }

  private static void maintain(String location) throws Exception {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(1);
    MaintenancePlan plan = new MaintenancePlan(128L << 20, Duration.ZERO, 1, Duration.ofDays(3), 1,
        Duration.ZERO, Duration.ofSeconds(1));
    StreamingMaintenance.append(env, TableLoader.fromHadoopTable(location), plan, "bench", 1);
    JobClient job = env.executeAsync("maintenance bench");
    Table table = new HadoopTables(new Configuration()).load(location);
    long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
    try {
      while (true) {
        table.refresh();
        if ("0".equals(table.currentSnapshot().summary().get("total-delete-files"))) {
          return;
        }
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("maintenance left delete files after 10 minutes: "
              + table.currentSnapshot().summary());
        }
        Thread.sleep(500);
      }
    } finally {
      job.cancel().get();
    }
  }
}
