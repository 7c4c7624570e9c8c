package dev.ingest.jobs.compile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ingest.jobs.PipelineFixture;
import dev.ingest.jobs.ScriptedApi;
import dev.ingest.jobs.local.LocalPipelineRunner;
import dev.ingest.sinks.runs.RunReader;
import dev.ingest.sinks.runs.RunReport;
import dev.ingest.jobs.spec.PipelineSpec;
import dev.ingest.sinks.refresh.StagedRunPublisher;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.util.SnapshotUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Upsert and full refresh through the real job graph on a MiniCluster, read back with Iceberg's reader. */
class WriteModesITCase {
  @TempDir Path dir;
  private ScriptedApi api;
  private PipelineFixture fixture;

  @BeforeEach
  void start() throws Exception {
    api = new ScriptedApi();
    fixture = new PipelineFixture(dir, null);
  }

  @AfterEach
  void stop() {
    api.close();
  }

  @Test
  void upsertKeepsOneLiveRowPerKeyWithTheLatestValuesAcrossRunsAndInPageDuplicates() throws Exception {
    PipelineSpec pipeline = fixture.load(api.pipelineYaml("crm", api.connectorFile(dir, 2, null),
        "{name: items, write_mode: upsert}", ""));
    // page 1 repeats key 1; page 2 repeats key 2 of page 1
    api.serve(List.of("{\"id\":1,\"v\":\"a\"}", "{\"id\":1,\"v\":\"a1\"}", "{\"id\":2,\"v\":\"b\"}",
        "{\"id\":2,\"v\":\"b1\"}", "{\"id\":3,\"v\":\"c\"}"));
    runOnce(pipeline);
    assertThat(values(pipeline)).containsExactlyInAnyOrderEntriesOf(Map.of(1L, "a1", 2L, "b1", 3L, "c"));

    api.serve(List.of("{\"id\":2,\"v\":\"b2\"}", "{\"id\":4,\"v\":\"d\"}", "{\"id\":4,\"v\":\"d1\"}"));
    runOnce(pipeline);
    RunReport third = runOnce(pipeline);
    // live rows, not added records: 4 keys, though 5 + 3 + 3 rows were added across the runs
    assertThat(third.endpoints().get(0).tableRows()).isEqualTo(4);
    assertThat(new RunReader(fixture.catalog(pipeline)).tableRows(
        org.apache.iceberg.catalog.TableIdentifier.of("crm", "items"))).isEqualTo(4);
    assertThat(Long.parseLong(fixture.table(pipeline, "items").currentSnapshot().summary().get("total-records")))
        .isGreaterThan(4);
    assertThat(values(pipeline)).containsExactlyInAnyOrderEntriesOf(Map.of(1L, "a1", 2L, "b2", 3L, "c", 4L, "d1"));
    assertThat(fixture.table(pipeline, "items").schema().identifierFieldNames()).containsExactly("id");
    assertThat(fixture.table(pipeline, "items").currentSnapshot().summary())
        .containsEntry("ingest.pipeline", "crm").containsEntry("ingest.endpoint", "items")
        .containsEntry("ingest.write-mode", "upsert");
  }

  @Test
  void fullRefreshReplacesTheTableAtomicallyEvenWhenARunSpansCheckpoints() throws Exception {
    PipelineSpec pipeline = fixture.load(api.pipelineYaml("catalog", api.connectorFile(dir, 3, null),
        "{name: items, write_mode: full_refresh}", ""));
    api.serve(records(1, 12)).pageDelay(120); // 4 pages + the empty one, checkpoints every 200 ms
    String run1 = runOnce(pipeline).runId();
    assertThat(ids(rows(pipeline))).containsExactlyInAnyOrderElementsOf(range(1, 12));

    api.serve(records(100, 109));
    String run2 = runOnce(pipeline).runId();

    List<Record> rows = rows(pipeline);
    assertThat(ids(rows)).containsExactlyInAnyOrderElementsOf(range(100, 109));
    assertThat(rows).allSatisfy(r -> assertThat(r.getField("_ingest_run_id")).isEqualTo(run2));
    Table table = fixture.table(pipeline, "items");
    assertThat(table.currentSnapshot().summary()).containsEntry(StagedRunPublisher.RUN_ID, run2)
        .containsEntry("ingest.endpoint", "items").containsEntry("ingest.pipeline", "catalog");
    // the staging branch took several checkpoint commits per run ...
    long stagingCommits = countAncestors(table, table.snapshot(StagedRunPublisher.STAGING_BRANCH));
    assertThat(stagingCommits).isGreaterThanOrEqualTo(3);
    // ... but every state main was ever in is exactly one complete run
    Map<String, Integer> expected = Map.of(run1, 12, run2, 10);
    for (Snapshot s : SnapshotUtil.ancestorsOf(table.currentSnapshot().snapshotId(), table::snapshot)) {
      List<Record> at = read(table, s.snapshotId());
      Set<Object> runs = at.stream().map(r -> r.getField("_ingest_run_id")).collect(Collectors.toSet());
      assertThat(runs).as("runs visible in snapshot %s", s.snapshotId()).hasSizeLessThanOrEqualTo(1);
      runs.forEach(run -> assertThat(at).as("rows of %s in snapshot %s", run, s.snapshotId())
          .hasSize(expected.get(run)));
    }
  }

  @Test
  void fullRefreshOfAnEmptyResultEmptiesTheTable() throws Exception {
    PipelineSpec pipeline = fixture.load(api.pipelineYaml("gone", api.connectorFile(dir, 5, null),
        "{name: items, write_mode: full_refresh}", ""));
    api.serve(records(1, 3));
    runOnce(pipeline);
    api.serve(records(7, 7));
    runOnce(pipeline);
    assertThat(ids(rows(pipeline))).containsExactly(7L);
  }

  private RunReport runOnce(PipelineSpec pipeline) throws Exception {
    RunReport report = new LocalPipelineRunner(fixture.home(), fixture.secrets()).progress(false).runOnce(pipeline);
    assertThat(report.failed()).as("report %s", report).isFalse();
    return report;
  }

  private List<Record> rows(PipelineSpec pipeline) throws Exception {
    return fixture.rows(pipeline, "items");
  }

  private Map<Long, Object> values(PipelineSpec pipeline) throws Exception {
    List<Record> rows = rows(pipeline);
    Map<Long, Object> byId = new TreeMap<>();
    rows.forEach(r -> byId.put((Long) r.getField("id"), r.getField("v")));
    assertThat(byId).as("one live row per key").hasSize(rows.size());
    return byId;
  }

  private static List<Record> read(Table table, long snapshotId) throws Exception {
    List<Record> rows = new ArrayList<>();
    try (CloseableIterable<Record> it = IcebergGenerics.read(table).useSnapshot(snapshotId).build()) {
      it.forEach(r -> rows.add(r.copy()));
    }
    return rows;
  }

  private static long countAncestors(Table table, Snapshot head) {
    long n = 0;
    for (Snapshot s : SnapshotUtil.ancestorsOf(head.snapshotId(), table::snapshot)) {
      if ("append".equals(s.operation())) {
        n++;
      }
    }
    return n;
  }

  static List<String> records(int from, int to) {
    return IntStream.rangeClosed(from, to).mapToObj(i -> "{\"id\":" + i + ",\"name\":\"item " + i + "\"}").toList();
  }

  private static List<Long> range(int from, int to) {
    return IntStream.rangeClosed(from, to).mapToObj(i -> (long) i).toList();
  }

  private static List<Long> ids(List<Record> rows) {
    return rows.stream().map(r -> (Long) r.getField("id")).toList();
  }
}
