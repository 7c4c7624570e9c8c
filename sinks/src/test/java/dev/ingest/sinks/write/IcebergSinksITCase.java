package dev.ingest.sinks.write;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ingest.sinks.rows.JsonRowConverter;
import dev.ingest.sinks.schema.MetadataColumns;
import dev.ingest.sinks.schema.SchemaInference;
import dev.ingest.sinks.tables.EndpointTables;
import dev.ingest.sinks.testing.TempWarehouseExtension;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.PipelineOptionsInternal;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.connector.datagen.source.GeneratorFunction;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.runtime.typeutils.InternalTypeInfo;
import org.apache.flink.streaming.util.TestStreamEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.Record;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * JSON records → {@link JsonRowConverter} → {@link IcebergSinks} (append mode) on a MiniCluster (parallelism 2,
 * checkpoints every 200 ms), read back with Iceberg's generic reader.
 */
class IcebergSinksITCase {

  static final int PARALLELISM = 2;
  static final TableIdentifier ID = TableIdentifier.of("sandbox", "tasks");
  static final long INGESTED_AT = Instant.parse("2026-03-01T12:00:00Z").toEpochMilli();
  static final Map<String, String> SNAPSHOT_PROPS = Map.of("ingest.pipeline", "sandbox", "ingest.endpoint", "sandbox.tasks");

  @RegisterExtension
  static final MiniClusterExtension MINI_CLUSTER =
      new MiniClusterExtension(
          new MiniClusterResourceConfiguration.Builder()
              .setNumberTaskManagers(1)
              .setNumberSlotsPerTaskManager(PARALLELISM)
              .build());

  @RegisterExtension final TempWarehouseExtension warehouse = new TempWarehouseExtension();

  @Test
  void appendsEveryRecordAndTagsTheSnapshots() throws Exception {
    int n = 2_000;
    Table table = createTable();

    JobExecutionResult result = runJob(table, 0, n, "run-1", null, 0);

    List<Record> rows = TempWarehouseExtension.readAll(table);
    assertThat(rows).hasSize(n);
    assertThat(rows.stream().map(r -> (Long) r.getField("gid")).collect(Collectors.toSet()))
        .containsExactlyInAnyOrderElementsOf(LongStream.range(0, n).boxed().toList());
    Record r7 = rows.stream().filter(r -> r.getField("gid").equals(7L)).findFirst().orElseThrow();
    assertThat(r7.getField("name")).isEqualTo("task 7");
    assertThat(r7.getField("completed")).isEqualTo(false);
    assertThat(r7.getField("score")).isEqualTo(3.5);
    assertThat(((Record) r7.getField("assignee")).getField("email")).isEqualTo("u0@example.com");
    assertThat(r7.getField("tags")).isEqualTo(List.of("t7", "odd"));
    assertThat(r7.getField(MetadataColumns.RUN_ID)).isEqualTo("run-1");
    assertThat(r7.getField(MetadataColumns.INGESTED_AT)).isEqualTo(OffsetDateTime.ofInstant(Instant.ofEpochMilli(INGESTED_AT), ZoneOffset.UTC));
    assertThat(r7.getField(MetadataColumns.EXTRA)).isNull();
    Record r10 = rows.stream().filter(r -> r.getField("gid").equals(10L)).findFirst().orElseThrow();
    assertThat(r10.getField(MetadataColumns.EXTRA)).isEqualTo("{\"surprise\":{\"new\":true}}");

    List<Snapshot> snapshots = snapshots(table);
    assertThat(snapshots).isNotEmpty();
    for (Snapshot s : snapshots) {
      assertThat(s.summary())
          .containsAllEntriesOf(SNAPSHOT_PROPS)
          .containsEntry("flink.job-id", result.getJobID().toString())
          .containsKey("flink.max-committed-checkpoint-id");
    }
    assertThat(snapshots.stream().mapToLong(s -> Long.parseLong(s.summary().get("added-records"))).sum()).isEqualTo(n);
  }

  /**
   * The data-loss case of DEPENDENCIES.md (apache/iceberg#18098): a second job under the same JobID, started
   * without state, after a first one committed with higher checkpoint ids (and {@code Long.MAX_VALUE} at end of
   * input). Iceberg 1.11's IcebergSink and DynamicIcebergSink skip such commits; the v1 FlinkSink behind
   * {@link IcebergSinks} must keep the rows. The second job runs on a fresh MiniCluster, like a restarted
   * JobManager (application mode with HA, operator upgrades): a running Dispatcher refuses a JobID it already
   * finished.
   */
  @Test
  void keepsRowsOfStatelessRestartUnderSameJobId() throws Exception {
    Table table = createTable();
    JobID jobId = JobID.generate();

    runJob(table, 0, 600, "run-1", jobId, 500);
    long firstJobCommits = snapshots(table).size();
    String firstMaxCheckpoint = table.currentSnapshot().summary().get("flink.max-committed-checkpoint-id");
    try (MiniCluster restarted = startMiniCluster()) {
      TestStreamEnvironment.setAsContext(restarted, PARALLELISM);
      try {
        runJob(table, 600, 300, "run-2", jobId, 500);
      } finally {
        TestStreamEnvironment.unsetAsContext();
        MINI_CLUSTER.getTestStreamEnvironment().setAsContext();
      }
    }

    List<Record> rows = TempWarehouseExtension.readAll(table);
    assertThat(rows.stream().map(r -> (Long) r.getField("gid")).toList())
        .containsExactlyInAnyOrderElementsOf(LongStream.range(0, 900).boxed().toList());
    assertThat(rows.stream().filter(r -> "run-2".equals(r.getField(MetadataColumns.RUN_ID)))).hasSize(300);
    List<Snapshot> snapshots = snapshots(table);
    assertThat(snapshots).hasSizeGreaterThan((int) firstJobCommits);
    assertThat(snapshots).allSatisfy(s -> assertThat(s.summary()).containsEntry("flink.job-id", jobId.toString()));
    assertThat(firstMaxCheckpoint).isEqualTo(String.valueOf(Long.MAX_VALUE));
  }

  private static MiniCluster startMiniCluster() throws Exception {
    MiniCluster cluster =
        new MiniCluster(
            new MiniClusterConfiguration.Builder()
                .setNumTaskManagers(1)
                .setNumSlotsPerTaskManager(PARALLELISM)
                .build());
    cluster.start();
    return cluster;
  }

  private Table createTable() {
    List<String> sample = new ArrayList<>();
    for (long i = 1; i <= 9; i++) {
      sample.add(TaskJson.json(i));
    }
    return EndpointTables.ensure(warehouse.catalog(), ID, SchemaInference.infer(sample), Map.of());
  }

  /** Runs one bounded job appending {@code count} records from {@code first}; rate-limited when perSecond > 0. */
  private JobExecutionResult runJob(Table table, long first, long count, String runId, JobID jobId, int perSecond)
      throws Exception {
    Configuration conf = new Configuration();
    conf.set(CoreOptions.DEFAULT_PARALLELISM, PARALLELISM);
    // No checkpoint during these bounded jobs: FlinkSink's committer can replace the manifest a writer flushed at
    // end of input with an empty one when a checkpoint falls between the writer's and the committer's endInput
    // (see ApiSourceBuilder.endInputAfterCheckpoint, which is how pipeline jobs avoid it). This generator source
    // cannot hold back its end, so everything commits at end of input, under Long.MAX_VALUE; a same-JobID rerun
    // then commits under the same id again, which is exactly the case a checkpoint-id dedupe gets wrong.
    conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, Duration.ofHours(1));
    if (jobId != null) {
      conf.set(PipelineOptionsInternal.PIPELINE_FIXED_JOB_ID, jobId.toHexString());
    }
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
    DataGeneratorSource<String> source =
        new DataGeneratorSource<>(
            new TaskJson(first),
            count,
            perSecond > 0 ? RateLimiterStrategy.perSecond(perSecond) : RateLimiterStrategy.noOp(),
            Types.STRING);
    JsonRowConverter converter = new JsonRowConverter(table.schema());
    DataStream<RowData> rows =
        env.fromSource(source, WatermarkStrategy.noWatermarks(), "tasks-source")
            .map(new ToRow(converter, runId))
            .returns(InternalTypeInfo.of(converter.rowType()))
            .name("to-row");
    IcebergSinks.forRowData(rows).table(warehouse.loader(), ID).uidPrefix("sandbox-tasks")
        .setSnapshotProperties(SNAPSHOT_PROPS).writeParallelism(PARALLELISM).append();
    JobExecutionResult result = env.execute("sinks-itcase");
    if (jobId != null) {
      assertThat(result.getJobID()).isEqualTo(jobId);
    }
    return result;
  }

  private static List<Snapshot> snapshots(Table table) {
    table.refresh();
    List<Snapshot> out = new ArrayList<>();
    table.snapshots().forEach(out::add);
    return out;
  }

  /** JSON text of a task-like API record; every tenth has a field the table has no column for. */
  static final class TaskJson implements GeneratorFunction<Long, String> {
    private final long first;

    TaskJson(long first) {
      this.first = first;
    }

    @Override
    public String map(Long index) {
      return json(first + index);
    }

    static String json(long gid) {
      String surprise = gid % 10 == 0 ? ",\"surprise\":{\"new\":true}" : "";
      return "{\"gid\":" + gid + ",\"name\":\"task " + gid + "\",\"completed\":" + (gid % 2 == 0)
          + ",\"score\":" + (gid * 0.5) + ",\"assignee\":{\"gid\":\"u" + (gid % 7) + "\",\"email\":\"u" + (gid % 7)
          + "@example.com\"},\"tags\":[\"t" + gid + "\",\"" + (gid % 2 == 0 ? "even" : "odd") + "\"]" + surprise + "}";
    }
  }

  /** The parse step the job compiler will add: JSON text → row (failing the job on a bad record, for the test). */
  static final class ToRow implements MapFunction<String, RowData> {
    private final JsonRowConverter converter;
    private final String runId;

    ToRow(JsonRowConverter converter, String runId) {
      this.converter = converter;
      this.runId = runId;
    }

    @Override
    public RowData map(String json) throws Exception {
      return converter.convert(json, runId, INGESTED_AT);
    }
  }
}
