package dev.ingest.control.api;

import static dev.ingest.control.api.ApiFixture.json;
import static dev.ingest.control.api.ApiFixture.pipeline;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ingest.sinks.catalog.Catalogs;
import dev.ingest.sinks.catalog.DestinationConfig;
import dev.ingest.sinks.runs.RunsTable;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.DataFiles;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.GenericAppenderFactory;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.FileAppender;
import org.apache.iceberg.io.OutputFile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Run results flow from a pipeline's {@code _ingest_runs} Iceberg table (as the job writes it) into the store, and
 * from there into the runs and health routes.
 */
class RunHealthTest {
  @TempDir Path dir;
  ApiFixture api;
  Table runs;

  @BeforeEach
  void start() {
    api = new ApiFixture(dir);
    api.call("POST", "/api/pipelines", pipeline("crm"));
    api.call("POST", "/api/pipelines/crm/deploy", null);
    runs = RunsTable.ensure(
        Catalogs.open(new DestinationConfig("local", api.home.warehouse().toString(), Map.of())),
        TableIdentifier.of(Namespace.of("crm"), RunsTable.NAME));
  }

  @AfterEach
  void stop() {
    api.close();
  }

  @Test
  void authFailureInTheRunsTableShowsAsAuthFailedNamingTheCredential() throws Exception {
    append(run("run-1", "tickets", 1_000, "SUCCEEDED", null, 120), run("run-1", "contacts", 1_000, "SUCCEEDED", null, 80));
    append(run("run-2", "tickets", 2_000, "FAILED", "AUTH_FAILED", 0), run("run-2", "contacts", 2_000, "SUCCEEDED", null, 5));

    JsonNode health = json(api.get("/api/pipelines/crm/health"));

    assertThat(health.path("status").asText()).isEqualTo("auth_failed");
    assertThat(health.path("failed_credential").asText()).isEqualTo("crm-token");
    assertThat(health.path("last_error").path("endpoint").asText()).isEqualTo("tickets");
    assertThat(health.path("last_run_id").asText()).isEqualTo("run-2");
    assertThat(health.path("failing_endpoints")).extracting(JsonNode::asText).containsExactly("tickets");
  }

  @Test
  void runsAreListedPerPipelineAndPerEndpointNewestFirst() throws Exception {
    append(run("run-1", "tickets", 1_000, "SUCCEEDED", null, 120), run("run-1", "contacts", 1_000, "SUCCEEDED", null, 80));
    append(run("run-2", "tickets", 2_000, "FAILED", "SERVER_ERROR", 0));

    JsonNode all = json(api.get("/api/pipelines/crm/runs"));
    JsonNode tickets = json(api.get("/api/pipelines/crm/endpoints/tickets/runs?limit=1"));

    assertThat(all).extracting(r -> r.path("run_id").asText() + "/" + r.path("endpoint").asText())
        .containsExactly("run-2/tickets", "run-1/contacts", "run-1/tickets");
    assertThat(all.get(2).path("rows").asLong()).isEqualTo(120);
    assertThat(all.get(2).path("run_started_at").asText()).isEqualTo("1970-01-01T00:00:01Z");
    assertThat(tickets).hasSize(1);
    assertThat(tickets.get(0).path("error_class").asText()).isEqualTo("SERVER_ERROR");
    assertThat(json(api.get("/api/pipelines/crm")).path("health").path("status").asText()).isEqualTo("failing");
    assertThat(api.get("/api/pipelines/crm/endpoints/nope/runs").statusCode()).isEqualTo(404);
    assertThat(api.get("/api/pipelines/crm/runs?limit=0").statusCode()).isEqualTo(400);
  }

  @Test
  void aSucceedingRunAfterAFailureIsHealthy() throws Exception {
    append(run("run-1", "tickets", 1_000, "FAILED", "AUTH_FAILED", 0));
    assertThat(json(api.get("/api/pipelines/crm/health")).path("status").asText()).isEqualTo("auth_failed");

    append(run("run-2", "tickets", 2_000, "SUCCEEDED", null, 7));

    JsonNode health = json(api.get("/api/pipelines/crm/health"));
    assertThat(health.path("status").asText()).isEqualTo("healthy");
    assertThat(health.path("last_run_rows").asLong()).isEqualTo(7);
    assertThat(health.path("failed_credential").isNull()).isTrue();
  }

  @Test
  void rowsOtherThanTheApisStatedTotalShowAsIncompleteInHealthAndRuns() throws Exception {
    Record shortRun = run("run-1", "tickets", 1_000, "SUCCEEDED", null, 30);
    shortRun.setField("api_total", 35L);
    Record exact = run("run-1", "contacts", 1_000, "SUCCEEDED", null, 80);
    exact.setField("api_total", 80L);
    Record unstated = run("run-1", "deals", 1_000, "SUCCEEDED", null, 9);
    append(shortRun, exact, unstated);

    JsonNode health = json(api.get("/api/pipelines/crm/health"));
    JsonNode runs = json(api.get("/api/pipelines/crm/runs"));

    assertThat(health.path("status").asText()).isEqualTo("incomplete");
    assertThat(health.path("incomplete_endpoints")).hasSize(1);
    assertThat(health.path("incomplete_endpoints").get(0).path("endpoint").asText()).isEqualTo("tickets");
    assertThat(health.path("incomplete_endpoints").get(0).path("rows").asLong()).isEqualTo(30);
    assertThat(health.path("incomplete_endpoints").get(0).path("api_total").asLong()).isEqualTo(35);
    assertThat(runs).extracting(r -> r.path("endpoint").asText() + " " + r.path("api_total").asText() + " "
        + r.path("complete").asText()).containsExactly("contacts 80 true", "deals null null", "tickets 35 false");

    append(run("run-2", "tickets", 2_000, "SUCCEEDED", null, 35));
    assertThat(json(api.get("/api/pipelines/crm/health")).path("status").asText()).isEqualTo("healthy");
  }

  private Record run(String runId, String endpoint, long startedAt, String status, String errorClass, long rows) {
    Record r = GenericRecord.create(RunsTable.schema());
    OffsetDateTime at = OffsetDateTime.ofInstant(Instant.ofEpochMilli(startedAt), ZoneOffset.UTC);
    r.setField("run_id", runId);
    r.setField("endpoint", endpoint);
    r.setField("run_started_at", at);
    r.setField("started_at", at);
    r.setField("ended_at", at.plusSeconds(1));
    for (String counter : new String[] {"duration_ms", "pages", "requests", "bytes", "retries", "throttled",
        "waited_ms", "errors"}) {
      r.setField(counter, 1L);
    }
    r.setField("rows", rows);
    r.setField("status", status);
    r.setField("error_class", errorClass);
    r.setField("error_message", errorClass == null ? null : "401 Unauthorized from GET /api/v2/tickets");
    return r;
  }

  /** Appends one run's rows the way the job does: a data file committed to the runs table. */
  private void append(Record... rows) throws IOException {
    OutputFile out = runs.io().newOutputFile(runs.locationProvider().newDataLocation(UUID.randomUUID() + ".parquet"));
    FileAppender<Record> appender = new GenericAppenderFactory(runs.schema()).newAppender(out, FileFormat.PARQUET);
    try (appender) {
      for (Record r : rows) {
        appender.add(r);
      }
    }
    DataFile file = DataFiles.builder(runs.spec()).withInputFile(out.toInputFile()).withMetrics(appender.metrics())
        .withFormat(FileFormat.PARQUET).build();
    runs.newAppend().appendFile(file).commit();
    runs.refresh();
  }
}
