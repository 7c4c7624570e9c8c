package dev.ingest.jobs.compile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ingest.jobs.PipelineFixture;
import dev.ingest.jobs.ScriptedApi;
import dev.ingest.jobs.local.LocalPipelineRunner;
import dev.ingest.sinks.runs.RunReport;
import dev.ingest.jobs.spec.PipelineSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Schema drift within a run and across runs: a new field becomes a column within the run that first sees it (the
 * local runner rebuilds the job and resumes from its latest checkpoint); int widens to long; a value of an
 * incompatible type is kept verbatim in {@code _ingest_extra} (the column stays null); no run fails and nothing is
 * dropped or duplicated.
 */
class SchemaEvolutionITCase {
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
  void newFieldBecomesAColumnWithinTheRunAndIncompatibleValuesGoToExtra() throws Exception {
    PipelineSpec pipeline = fixture.load(api.pipelineYaml("drift", api.connectorFile(dir, 1, null), "items", ""));
    api.serve(List.of("{\"id\":1,\"n\":5}", "{\"id\":2,\"n\":6,\"color\":\"red\"}", "{\"id\":3,\"n\":\"seven\"}"));

    String run1 = runOnce(pipeline);
    assertThat(fixture.table(pipeline, "items").schema().findField("color").type()).isEqualTo(Types.StringType.get());
    Map<Long, Record> first = byId(pipeline, run1);
    assertThat(first).hasSize(3);
    assertThat(first.get(2L).getField("color")).isEqualTo("red");
    assertThat(first.get(2L).getField("_ingest_extra")).isNull();
    assertThat(first.get(3L).getField("n")).isNull();
    assertThat(first.get(3L).getField("_ingest_extra")).isEqualTo("{\"n\":\"seven\"}");

    String run2 = runOnce(pipeline);
    assertThat(fixture.table(pipeline, "items").schema().findField("n").type()).isEqualTo(Types.LongType.get());
    Map<Long, Record> second = byId(pipeline, run2);
    assertThat(second.get(2L).getField("color")).isEqualTo("red");
    assertThat(second.get(2L).getField("_ingest_extra")).isNull();
    assertThat(second.get(1L).getField("n")).isEqualTo(5L);
    assertThat(second.get(3L).getField("_ingest_extra")).isEqualTo("{\"n\":\"seven\"}");
    assertThat(fixture.rows(pipeline, "_ingest_dead_letters")).isEmpty();
    assertThat(fixture.rows(pipeline, "items")).hasSize(6);
  }

  @Test
  void fieldAppearingOnALaterPageResumesTheRunWithTheNewColumn() throws Exception {
    int records = 100;
    int firstWithColor = 61; // page 7 of 10
    List<String> served = new ArrayList<>();
    for (int id = 1; id <= records; id++) {
      served.add(id < firstWithColor ? "{\"id\":" + id + ",\"n\":" + id + "}"
          : "{\"id\":" + id + ",\"n\":" + id + ",\"color\":\"c" + id + "\"}");
    }
    // slow pages and frequent checkpoints: a checkpoint completes before page 7, so the run resumes from it
    api.serve(served).pageDelay(150);
    PipelineSpec pipeline = fixture.load(api.pipelineYaml("midrun", api.connectorFile(dir, 10, null), "items", ""));

    String run = runOnce(pipeline);

    assertThat(fixture.table(pipeline, "items").schema().findField("color").type()).isEqualTo(Types.StringType.get());
    List<Record> rows = fixture.rows(pipeline, "items");
    assertThat(rows).hasSize(records);
    assertThat(rows).extracting(r -> r.getField("_ingest_run_id")).containsOnly(run);
    Map<Long, Record> byId = byId(pipeline, run);
    assertThat(byId).hasSize(records);
    for (long id = 1; id <= records; id++) {
      Record row = byId.get(id);
      assertThat(row.getField("color")).as("color of %s", id).isEqualTo(id < firstWithColor ? null : "c" + id);
      assertThat(row.getField("_ingest_extra")).as("extra of %s", id).isNull();
    }
    List<Record> runs = fixture.rows(pipeline, "_ingest_runs");
    assertThat(runs).hasSize(1);
    assertThat(runs.get(0).getField("rows")).isEqualTo((long) records);
    assertThat(runs.get(0).getField("status")).isEqualTo("SUCCEEDED");
  }

  @Test
  void declaredIntColumnWidensToLongWhenTheConnectorWidensIt() throws Exception {
    String big = Long.toString(1L + Integer.MAX_VALUE);
    api.serve(List.of("{\"id\":1,\"score\":7}", "{\"id\":2,\"score\":" + big + "}"));
    Path narrow = api.connectorFile(dir, 10, """
        type: object
        properties:
          id: { type: integer }
          score: { type: integer, format: int32 }""");
    PipelineSpec v1 = fixture.load(api.pipelineYaml("widen", narrow, "items", ""));
    String run1 = runOnce(v1);
    assertThat(fixture.table(v1, "items").schema().findField("score").type()).isEqualTo(Types.IntegerType.get());
    assertThat(byId(v1, run1).get(2L).getField("_ingest_extra")).isEqualTo("{\"score\":" + big + "}");

    Path wide = api.connectorFile(dir, 10, """
        type: object
        properties:
          id: { type: integer }
          score: { type: integer }""");
    PipelineSpec v2 = fixture.load(api.pipelineYaml("widen", wide, "items", ""));
    String run2 = runOnce(v2);
    assertThat(fixture.table(v2, "items").schema().findField("score").type()).isEqualTo(Types.LongType.get());
    Map<Long, Record> second = byId(v2, run2);
    assertThat(second.get(2L).getField("score")).isEqualTo(1L + Integer.MAX_VALUE);
    assertThat(byId(v2, run1).get(1L).getField("score")).isEqualTo(7L);
  }

  private String runOnce(PipelineSpec pipeline) throws Exception {
    RunReport report = new LocalPipelineRunner(fixture.home(), fixture.secrets()).progress(false).runOnce(pipeline);
    assertThat(report.failed()).as("report %s", report).isFalse();
    return report.runId();
  }

  private Map<Long, Record> byId(PipelineSpec pipeline, String runId) throws Exception {
    return fixture.rows(pipeline, "items").stream()
        .filter(r -> runId.equals(r.getField("_ingest_run_id")))
        .collect(Collectors.toMap(r -> (Long) r.getField("id"), r -> r));
  }
}
