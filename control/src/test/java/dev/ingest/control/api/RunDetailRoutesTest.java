package dev.ingest.control.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ingest.control.model.DeploymentStatus;
import dev.ingest.control.store.RunStore;
import dev.ingest.sinks.runs.RunRow;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunDetailRoutesTest {
  static final long T = Instant.parse("2026-12-07T01:00:00Z").toEpochMilli();

  @TempDir Path dir;
  ApiFixture fx;

  @BeforeEach
  void start() {
    fx = new ApiFixture(dir);
    assertThat(fx.call("POST", "/api/pipelines", ApiFixture.pipeline("support")).statusCode()).isEqualTo(201);
    assertThat(fx.call("POST", "/api/pipelines/support/deploy", "").statusCode()).isEqualTo(200);
  }

  @AfterEach
  void stop() {
    fx.close();
  }

  @Test
  void runDetailShowsEveryEndpointsCountersTotalsAndTheFlinkJob() {
    new RunStore(fx.database.dataSource()).record("support", List.of(
        new RunRow("r1", "contacts", T, T + 10, T + 2_010, 2_000, 12, 15, 1_150, 90_000, 3, 2, 1_500, 3, "SUCCEEDED",
            null, null, null),
        new RunRow("r1", "tickets", T, T + 20, T + 900, 880, 1, 4, 0, 120, 3, 0, 0, 4, "FAILED", "HTTP_5XX",
            "GET /tickets: HTTP 503 after 4 attempts", null)),
        Map.of("r1", "a1b2c3d4e5f60718293a4b5c6d7e8f90"));

    JsonNode run = ApiFixture.json(fx.get("/api/pipelines/support/runs/r1"));

    assertThat(run.get("status").asText()).isEqualTo("failed");
    assertThat(run.get("started_at").asText()).isEqualTo("2026-12-07T01:00:00.010Z");
    assertThat(run.get("ended_at").asText()).isEqualTo("2026-12-07T01:00:02.010Z");
    assertThat(run.get("duration_ms").asLong()).isEqualTo(2_000);
    assertThat(run.get("failed_endpoints").toString()).isEqualTo("[\"tickets\"]");
    assertThat(run.get("totals").toString()).isEqualTo("{\"rows\":1150,\"bytes\":90120,\"pages\":13,\"requests\":19,"
        + "\"retries\":6,\"throttled\":2,\"waited_ms\":1500,\"errors\":7}");
    assertThat(run.get("flink_job").get("id").asText()).isEqualTo("a1b2c3d4e5f60718293a4b5c6d7e8f90");
    // not the deployment's current job: linked as a completed job of the same Flink web UI
    assertThat(run.get("flink_job").get("url").asText())
        .isEqualTo("http://flink.test/#/job/completed/a1b2c3d4e5f60718293a4b5c6d7e8f90/overview");
    JsonNode tickets = run.get("endpoints").get(1);
    assertThat(tickets.get("endpoint").asText()).isEqualTo("tickets");
    assertThat(tickets.get("error_class").asText()).isEqualTo("HTTP_5XX");
    assertThat(tickets.get("error_message").asText()).isEqualTo("GET /tickets: HTTP 503 after 4 attempts");
    assertThat(tickets.get("requests").asLong()).isEqualTo(4);
    assertThat(run.get("endpoints").get(0).get("waited_ms").asLong()).isEqualTo(1_500);
  }

  @Test
  void failedFlinkJobIsRecordedOnceAsAFailedRun() {
    fx.deployer.failureDetail = "NoResourceAvailableException: Could not acquire the minimum required resources";
    fx.deployer.states.put("fake-support", DeploymentStatus.State.FAILED);

    fx.api.syncAll();
    fx.api.syncAll();

    JsonNode runs = ApiFixture.json(fx.get("/api/pipelines/support/runs"));
    assertThat(runs).hasSize(1);
    assertThat(runs.get(0).get("run_id").asText()).isEqualTo("job-fake-support");
    assertThat(runs.get(0).get("endpoint").asText()).isEqualTo("(job)");
    assertThat(runs.get(0).get("status").asText()).isEqualTo("FAILED");
    assertThat(runs.get(0).get("error_class").asText()).isEqualTo("JOB_FAILED");
    assertThat(runs.get(0).get("error_message").asText())
        .isEqualTo("NoResourceAvailableException: Could not acquire the minimum required resources");
    JsonNode run = ApiFixture.json(fx.get("/api/pipelines/support/runs/job-fake-support"));
    assertThat(run.get("status").asText()).isEqualTo("failed");
    assertThat(run.get("flink_job").get("id").asText()).isEqualTo("fake-support");
  }

  @Test
  void unknownRunIs404() {
    assertThat(fx.get("/api/pipelines/support/runs/nope").statusCode()).isEqualTo(404);
  }
}
