package dev.ingest.control.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ingest.control.api.ApiToken;
import dev.ingest.control.api.ControlApi;
import dev.ingest.control.deploy.DeployFixture;
import dev.ingest.control.deployers.DeployerSettings;
import dev.ingest.control.deployers.OpenDeployer;
import dev.ingest.control.store.Database;
import dev.ingest.control.store.StoreConfig;
import dev.ingest.sandbox.SandboxApi;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code ./ingest up} runs by default, end to end: the control API driving the {@code local} deployer (a Flink
 * cluster with its web UI in this process). Create a pipeline, deploy it as a long-running Flink job (its first run
 * starts at once), run it now during that first run (a run request the same job runs next): rows of both runs land,
 * runs and health show them, and {@code job_url} opens the job in the Flink UI. Pause takes a
 * savepoint; a control-plane restart (new process, new cluster) resumes the job from the savepoint its shutdown
 * took.
 */
class UpOnLocalClusterITCase {
  static final String API_TOKEN = "up-itcase-token-0123456789";
  static final ObjectMapper JSON = new ObjectMapper();
  static final Map<String, String> ENV = Map.of("INGEST_DEPLOYER_WEB_PORT", "0", "INGEST_DEPLOYER_SLOTS", "4");

  @TempDir Path dir;
  final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  String base;

  @Test
  void deployRunNowPauseResumeAndRestartOnTheLocalClusterWithItsWebUi() throws Exception {
    try (DeployFixture fixture = new DeployFixture(dir.resolve("home"));
        Database database = Database.open(StoreConfig.embedded(dir.resolve("db")))) {
      DeployerSettings settings = DeployerSettings.load(fixture.home().configFile(), ENV);
      assertThat(settings.type()).isEqualTo(DeployerSettings.Type.LOCAL);
      String pipeline = """
          {"name": "support", "connector": "sandbox", "config": {"base_url": "%s"},
           "credentials": {"secret": "%s"}, "endpoints": ["tickets", "contacts"], "write_mode": "append",
           "schedule": "0 0 1 1 *", "runtime": {"parallelism": 1, "checkpoint_interval": "1s"}}
          """.formatted(fixture.sandbox().baseUrl(), DeployFixture.SECRET);
      String deploymentBeforeRestart;

      try (OpenDeployer deployer = OpenDeployer.open(settings, fixture.home(), fixture.secrets(), Clock.systemUTC());
          ControlApi api = start(database, fixture, deployer)) {
        URI flinkUi = deployer.flinkUi().orElseThrow();
        assertThat(call("POST", "/api/pipelines", pipeline).statusCode()).isEqualTo(201);
        // the deploy starts the first run at once (run 1)
        JsonNode deployed = json(call("POST", "/api/pipelines/support/deploy", null));
        assertThat(deployed.path("deployer").asText()).isEqualTo("local");
        String jobId = deployed.path("deployment_id").asText();
        assertThat(deployed.path("job_url").asText())
            .isEqualTo(flinkUi + "/#/job/running/" + jobId + "/overview");
        assertThat(flinkGet(flinkUi, "/jobs/" + jobId).path("name").asText()).contains("support");
        assertThat(flinkGetText(flinkUi, "/")).contains("<title>Apache Flink Web Dashboard</title>");

        // run now during the first run is not refused: it is a run request inside the deployed job, which starts
        // it after the first run (run 2); no second job on the cluster
        HttpResponse<String> run = call("POST", "/api/pipelines/support/run", null);
        assertThat(run.statusCode()).as(run.body()).isEqualTo(202);
        assertThat(json(run).path("deployment_id").asText()).isEqualTo(jobId);
        long request = json(run).path("request").path("id").asLong();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
            assertThat(json(call("GET", "/api/pipelines/support/run-requests/" + request, null)).path("state")
                .asText()).isEqualTo("succeeded"));
        assertThat(json(call("GET", "/api/pipelines/support/run-requests/" + request, null)).path("run_id").asText())
            .endsWith("-000002");
        JsonNode healthy = awaitHealth("healthy");
        assertThat(flinkGet(flinkUi, "/jobs").path("jobs")).as("one job: the deployed one").hasSize(1);
        assertThat(healthy.path("last_run_id").asText()).endsWith("-000002");
        assertThat(healthy.path("last_run_rows").asLong())
            .isEqualTo(fixture.sandbox().size(SandboxApi.TICKETS) + fixture.sandbox().size(SandboxApi.CONTACTS));
        assertThat(fixture.rows("support", "tickets")).as("append: the first run and the requested one, once each")
            .isEqualTo(2L * fixture.sandbox().size(SandboxApi.TICKETS));

        JsonNode paused = json(call("POST", "/api/pipelines/support/pause", null));
        assertThat(paused.path("health").path("status").asText()).isEqualTo("paused");
        assertThat(paused.path("job_state").asText()).isEqualTo("paused");
        assertThat(Files.list(fixture.home().savepoints("support")).count()).isEqualTo(1);
        JsonNode resumed = json(call("POST", "/api/pipelines/support/resume", null));
        assertThat(resumed.path("state").asText()).isEqualTo("deployed");
        deploymentBeforeRestart = resumed.path("deployment_id").asText();
        awaitJobState("running");

        assertThat(api.suspendDeployments()).as("Ctrl-C stops the job with a savepoint").isEqualTo(1);
      }

      try (OpenDeployer deployer = OpenDeployer.open(settings, fixture.home(), fixture.secrets(), Clock.systemUTC());
          ControlApi api = start(database, fixture, deployer)) {
        assertThat(api.restoreDeployments()).isEqualTo(1);
        JsonNode restored = awaitJobState("running");
        assertThat(restored.path("deployment_id").asText()).isNotEqualTo(deploymentBeforeRestart);
        assertThat(restored.path("job_url").asText()).startsWith(deployer.flinkUi().orElseThrow().toString());
        assertThat(call("DELETE", "/api/pipelines/support", null).statusCode()).isEqualTo(204);
      }
    }
  }

  private ControlApi start(Database database, DeployFixture fixture, OpenDeployer deployer) {
    ControlApi api = ControlApi.builder().home(fixture.home()).database(database).deployer(deployer.deployer())
        .secrets(fixture.secrets().open()).token(ApiToken.of(API_TOKEN)).syncInterval(Duration.ZERO).build()
        .start("127.0.0.1", 0);
    base = "http://127.0.0.1:" + api.port();
    return api;
  }

  private JsonNode awaitHealth(String status) {
    JsonNode[] last = new JsonNode[1];
    await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
      last[0] = json(call("GET", "/api/pipelines/support/health", null));
      assertThat(last[0].path("status").asText()).isEqualTo(status);
    });
    return last[0];
  }

  private JsonNode awaitJobState(String state) {
    JsonNode[] last = new JsonNode[1];
    await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
      last[0] = json(call("GET", "/api/pipelines/support", null));
      assertThat(last[0].path("job_state").asText()).isEqualTo(state);
    });
    return last[0];
  }

  private HttpResponse<String> call(String method, String path, String body) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
        .header("Authorization", "Bearer " + API_TOKEN).timeout(Duration.ofSeconds(60))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private JsonNode flinkGet(URI flink, String path) throws Exception {
    return JSON.readTree(flinkGetText(flink, path));
  }

  private String flinkGetText(URI flink, String path) throws Exception {
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(flink + path)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(path).isEqualTo(200);
    return response.body();
  }

  private static JsonNode json(HttpResponse<String> response) throws Exception {
    return JSON.readTree(response.body());
  }
}
