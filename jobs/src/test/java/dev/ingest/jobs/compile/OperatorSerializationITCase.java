package dev.ingest.jobs.compile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ingest.jobs.PipelineFixture;
import dev.ingest.jobs.spec.PipelineSpec;
import dev.ingest.sandbox.SandboxApi;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.java.typeutils.runtime.kryo.KryoSerializer;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamEdge;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.apache.flink.streaming.api.graph.StreamNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How records travel between the operators of a compiled pipeline: with Flink's own serializers (never the Kryo
 * fallback for generic types), and without a defensive copy between chained operators; and the operators' uids,
 * names and parallelism, by which savepoints and retained checkpoints are restored (a change there breaks resuming
 * jobs of earlier versions).
 */
class OperatorSerializationITCase {
  @TempDir Path dir;
  private SandboxApi sandbox;
  private PipelineFixture fixture;

  @BeforeEach
  void start() throws Exception {
    sandbox = SandboxApi.builder().port(0).requireBearerToken(PipelineFixture.TOKEN)
        .datasetSize("tickets", 20).datasetSize("events", 20).build().start();
    fixture = new PipelineFixture(dir, sandbox);
  }

  @AfterEach
  void stop() {
    sandbox.close();
  }

  @Test
  void noPerRecordEdgeFallsBackToKryo() throws Exception {
    PipelineSpec pipeline = fixture.load(fixture.yaml("types", List.of("tickets", "events"), "0 * * * *",
        "runtime: {parallelism: 2}"));
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(
        JobConfiguration.forPipeline(pipeline, dir.resolve("checkpoints"), "hashmap"));
    PipelineGraphs.addTo(env, pipeline, fixture.secrets(), CompileOptions.once());

    StreamGraph graph = env.getStreamGraph();
    List<String> edges = new ArrayList<>();
    List<String> kryo = new ArrayList<>();
    for (StreamNode node : graph.getStreamNodes()) {
      for (StreamEdge edge : node.getOutEdges()) {
        TypeSerializer<?> serializer = edge.getOutputTag() != null
            ? edge.getOutputTag().getTypeInfo().createSerializer(env.getConfig().getSerializerConfig())
            : node.getTypeSerializerOut();
        String target = graph.getStreamNode(edge.getTargetId()).getOperatorName();
        String description =
            node.getOperatorName() + " -> " + target + ": " + serializer.getClass().getSimpleName();
        edges.add(description);
        // Iceberg's writer hands its data-file lists (WriteResult) to the committer once per checkpoint, with Kryo
        if (serializer instanceof KryoSerializer<?> && !target.contains("IcebergFilesCommitter")) {
          kryo.add(description);
        }
      }
    }

    assertThat(edges).as("edges").anyMatch(e -> e.startsWith("parse types -> ") && e.contains("RowDataSerializer"));
    assertThat(edges).as("edges").anyMatch(e -> e.startsWith("Source: api types -> parse") && e.contains("PojoSerializer"));
    assertThat(kryo).as("edges serialized with Kryo, of %s", edges).isEmpty();
  }

  @Test
  void chainedOperatorsPassRecordsWithoutCopying() throws Exception {
    PipelineSpec pipeline = fixture.load(fixture.yaml("reuse", List.of("tickets"), "0 * * * *", ""));

    Configuration conf = JobConfiguration.forPipeline(pipeline, dir.resolve("checkpoints"), "hashmap");

    // safe: the source and the parse operator emit a new object per record and no operator keeps or changes its input
    assertThat(conf.get(PipelineOptions.OBJECT_REUSE)).isTrue();
  }

  @Test
  void everyOperatorKeepsItsUidNameAndParallelism() throws Exception {
    PipelineSpec pipeline = fixture.load(fixture.yaml("uids", List.of("{name: tickets, write_mode: upsert}",
        "{name: events, write_mode: full_refresh}", "contacts"), "0 * * * *", "runtime: {parallelism: 2}"));
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(
        JobConfiguration.forPipeline(pipeline, dir.resolve("checkpoints"), "hashmap"));

    PipelineGraphs.addTo(env, pipeline, fixture.secrets(), CompileOptions.once());

    Map<String, String> operators = new TreeMap<>();
    for (StreamNode node : env.getStreamGraph().getStreamNodes()) {
      operators.put(node.getTransformationUID(), node.getOperatorName() + " p=" + node.getParallelism());
    }
    Map<String, String> expected = new TreeMap<>(Map.of(
        "api-source", "Source: api uids p=2",
        "parse", "parse uids p=2",
        "publish-full-refresh", "publish full refresh uids p=1",
        "publish-full-refresh-end", "published: Writer p=1"));
    for (String table : List.of("tickets", "events", "contacts")) {
      expected.putAll(sink("sink-" + table, "uids." + table, 2));
    }
    expected.putAll(sink("sink-runs", "uids._ingest_runs", 1));
    expected.putAll(sink("sink-dead-letters", "uids._ingest_dead_letters", 1));
    assertThat(operators).isEqualTo(expected);
  }

  @Test
  void scheduledJobsCarryEachTablesMaintenanceUnderStableUidsAndRunOnceJobsNone() throws Exception {
    PipelineSpec pipeline = fixture.load(fixture.yaml("upkeep", List.of("{name: tickets, write_mode: upsert}"),
        "0 * * * *", "maintenance: {after_commits: 10, every: 6h}"));

    assertThat(uids(pipeline, CompileOptions.scheduled())).contains("Monitor source for maintenance-tickets",
        "Trigger managermaintenance-tickets", "lock-remover-maintenance-tickets",
        "dangling-delete-monitor-maintenance-tickets", "dangling-delete-remover-maintenance-tickets");
    assertThat(uids(pipeline, CompileOptions.once())).noneMatch(uid -> uid.contains("maintenance"));
  }

  private Set<String> uids(PipelineSpec pipeline, CompileOptions options) throws Exception {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(
        JobConfiguration.forPipeline(pipeline, dir.resolve("checkpoints"), "hashmap"));
    PipelineGraphs.addTo(env, pipeline, fixture.secrets(), options);
    Set<String> uids = new TreeSet<>();
    env.getStreamGraph().getStreamNodes().forEach(n -> uids.add(String.valueOf(n.getTransformationUID())));
    return uids;
  }

  /** The three operators of Iceberg's v1 sink under {@code prefix}. */
  private static Map<String, String> sink(String prefix, String table, int writers) {
    return Map.of(
        prefix + "-writer", prefix + "-IcebergStreamWriter p=" + writers,
        prefix + "-committer", prefix + "-IcebergFilesCommitter p=1",
        prefix + "-dummysink", prefix + "-IcebergSink ingest." + table + ": Writer p=1");
  }
}
