package dev.ingest.jobs.compile;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ingest.jobs.PipelineFixture;
import dev.ingest.jobs.SnapshotRuns;
import dev.ingest.jobs.local.LocalPipelineRunner;
import dev.ingest.sinks.runs.RunReport;
import dev.ingest.jobs.spec.PipelineSpec;
import dev.ingest.sandbox.SandboxApi;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptionsInternal;
import org.apache.flink.api.common.JobID;
import org.apache.iceberg.data.Record;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Lands all three paging styles of the sandbox (page number, body cursor, Link header) through the real job graph
 * on a MiniCluster, and reads the tables back with Iceberg's reader: exactly the served records, no duplicates.
 */
class PipelineITCase {
  private static final List<String> ENDPOINTS = List.of("tickets", "contacts", "issues", "events");

  @TempDir Path dir;
  private SandboxApi sandbox;
  private PipelineFixture fixture;

  @BeforeEach
  void start() throws Exception {
    sandbox = SandboxApi.builder().port(0).requireBearerToken(PipelineFixture.TOKEN)
        .datasetSize("tickets", 950).datasetSize("contacts", 1_230).datasetSize("issues", 777).datasetSize("events", 1_010)
        .build().start();
    fixture = new PipelineFixture(dir, sandbox);
  }

  @AfterEach
  void stop() {
    sandbox.close();
  }

  @Test
  void landsEveryPagingStyleExactlyOnce() throws Exception {
    PipelineSpec pipeline = fixture.load(fixture.yaml("styles", ENDPOINTS, "0 * * * *",
        "runtime: {parallelism: 2, checkpoint_interval: 500ms}"));

    RunReport report = new LocalPipelineRunner(fixture.home(), fixture.secrets()).progress(false).runOnce(pipeline);

    assertThat(report.failed()).as("report %s", report).isFalse();
    for (String endpoint : ENDPOINTS) {
      assertLandedExactly(pipeline, endpoint);
      RunReport.EndpointResult result = report.endpoints().stream()
          .filter(e -> e.endpoint().equals(endpoint)).findFirst().orElseThrow();
      assertThat(result.rows()).isEqualTo(sandbox.size(endpoint));
      assertThat(result.tableRows()).isEqualTo(sandbox.size(endpoint));
      assertThat(result.pages()).isGreaterThanOrEqualTo(sandbox.size(endpoint) / 100);
    }
    List<Record> runs = fixture.rows(pipeline, "_ingest_runs");
    assertThat(runs).hasSize(ENDPOINTS.size());
    assertThat(runs).allSatisfy(r -> assertThat(r.getField("status")).isEqualTo("SUCCEEDED"));
    assertThat(fixture.rows(pipeline, "_ingest_dead_letters")).isEmpty();
    // a run-once job: every commit of every table names that one run
    Set<String> runIds = runs.stream().map(r -> (String) r.getField("run_id")).collect(Collectors.toSet());
    assertThat(runIds).hasSize(1);
    assertThat(SnapshotRuns.assertEveryCommitNamesItsRuns(fixture.table(pipeline, "_ingest_runs"), "run_id"))
        .isEqualTo(runIds);
    for (String endpoint : ENDPOINTS) {
      assertThat(SnapshotRuns.assertEveryCommitNamesItsRuns(fixture.table(pipeline, endpoint), "_ingest_run_id"))
          .isEqualTo(runIds);
    }
  }

  @Test
  void keepsRowsOfAStatelessRestartUnderTheSameJobId() throws Exception {
    // The Iceberg dynamic/v2 sinks drop rows here (apache/iceberg#18098); the v1 FlinkSink we use must not.
    PipelineSpec pipeline = fixture.load(fixture.yaml("samejob", List.of("issues"), "0 * * * *",
        "runtime: {parallelism: 1, checkpoint_interval: 500ms}"));
    Configuration fixedJobId = new Configuration();
    fixedJobId.set(PipelineOptionsInternal.PIPELINE_FIXED_JOB_ID, new JobID(7, 7).toHexString());

    new LocalPipelineRunner(fixture.home(), fixture.secrets()).progress(false).configure(fixedJobId).runOnce(pipeline);
    new LocalPipelineRunner(fixture.home(), fixture.secrets()).progress(false).configure(fixedJobId).runOnce(pipeline);

    List<Record> rows = fixture.rows(pipeline, "issues");
    assertThat(rows).hasSize(2 * sandbox.size("issues"));
    Map<Object, Long> perRun = rows.stream()
        .collect(Collectors.groupingBy(r -> r.getField("_ingest_run_id"), Collectors.counting()));
    assertThat(perRun).hasSize(2).allSatisfy((run, count) -> assertThat(count).isEqualTo(sandbox.size("issues")));
  }

  private void assertLandedExactly(PipelineSpec pipeline, String endpoint) throws Exception {
    List<Record> rows = fixture.rows(pipeline, endpoint);
    List<ObjectNode> served = sandbox.records(endpoint);
    assertThat(rows).hasSize(served.size());
    Map<String, Record> byId = rows.stream()
        .collect(Collectors.toMap(r -> String.valueOf(r.getField("id")), Function.identity()));
    assertThat(byId).hasSize(served.size());
    for (ObjectNode record : served) {
      Record row = byId.get(record.get("id").asText());
      assertThat(row).as("row of %s id %s", endpoint, record.get("id")).isNotNull();
      assertThat(row.getField("_ingest_run_id")).isNotNull();
      assertThat(row.getField("_ingested_at")).isNotNull();
    }
  }
}
