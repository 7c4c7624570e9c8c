package dev.ingest.control.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ingest.control.api.ApiToken;
import dev.ingest.control.api.ControlApi;
import dev.ingest.control.deploy.DeployException;
import dev.ingest.control.deploy.DeployFixture;
import dev.ingest.control.deploy.Deployer;
import dev.ingest.control.deployers.DeployerSettings;
import dev.ingest.control.deployers.OpenDeployer;
import dev.ingest.control.model.Deployment;
import dev.ingest.control.model.DeploymentStatus;
import dev.ingest.control.model.PipelineDefinition;
import dev.ingest.control.store.Database;
import dev.ingest.control.store.StoreConfig;
import dev.ingest.sandbox.SandboxApi;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Operating several pipelines on the embedded cluster ({@code ./ingest up}'s default: 4 task slots), through the
 * control API: deploys until the cluster is full, then a refused deploy and run now of an undeployed pipeline (409
 * {@code capacity}); the
 * first run of each deploy without a Run now (a wrong credential shows as {@code auth_failed}); a job whose tasks
 * cannot get a slot (the budget made to believe in slots the cluster does not have, as on a session cluster that
 * other jobs share) is {@code starting}, never {@code running}, then failing with {@code NO_RESOURCES}; the Flink
 * web UI refuses job submission; and the lifecycle: undeploy, deploy again after the job is gone, delete keeping or
 * dropping the tables.
 */
class CapacityOnLocalClusterITCase {
  static final String API_TOKEN = "capacity-itcase-token-0123456789";
  static final ObjectMapper JSON = new ObjectMapper();
  static final Map<String, String> ENV = Map.of("INGEST_DEPLOYER_WEB_PORT", "0", "INGEST_DEPLOYER_SLOTS", "4");
  /** Two jobs starting at once on a busy 2-core machine take about 15 s until every task runs. */
  static final Duration STARTUP_BOUND = Duration.ofSeconds(40);

  @TempDir Path dir;
  final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  String base;

  @Test
  void aFullClusterRefusesDeploysAndAJobWithoutSlotsFailsVisibly() throws Exception {
    try (DeployFixture fixture = new DeployFixture(dir.resolve("home"));
        Database database = Database.open(StoreConfig.embedded(dir.resolve("db")))) {
      fixture.secrets().open().write("sandbox-wrong", Map.of("token", "not-the-sandbox-token"));
      DeployerSettings settings = DeployerSettings.load(fixture.home().configFile(), ENV);
      try (OpenDeployer opened = OpenDeployer.open(settings, fixture.home(), fixture.secrets(), Clock.systemUTC())) {
        AtomicInteger believedSlots = new AtomicInteger(-1);
        Deployer deployer = new BudgetOverride(opened.deployer(), believedSlots);
        try (ControlApi api = ControlApi.builder().home(fixture.home()).database(database).deployer(deployer)
            .secrets(fixture.secrets().open()).token(ApiToken.of(API_TOKEN)).syncInterval(Duration.ZERO)
            .startupBound(STARTUP_BOUND).build().start("127.0.0.1", 0)) {
          base = "http://127.0.0.1:" + api.port();
          URI flink = opened.flinkUi().orElseThrow();
          for (String[] p : new String[][] {{"alpha", DeployFixture.SECRET}, {"beta", "sandbox-wrong"},
              {"gamma", DeployFixture.SECRET}}) {
            assertThat(call("POST", "/api/pipelines", pipeline(fixture, p[0], p[1])).statusCode()).isEqualTo(201);
          }

          // default parallelism 2: two pipelines fill the 4 slots, as Flink itself counts them
          assertThat(call("POST", "/api/pipelines/alpha/deploy", null).statusCode()).isEqualTo(200);
          assertThat(call("POST", "/api/pipelines/beta/deploy", null).statusCode()).isEqualTo(200);
          JsonNode capacity = json(call("GET", "/api/capacity", null));
          assertThat(capacity.path("slots_total").asInt()).isEqualTo(4);
          assertThat(capacity.path("slots_free").asInt()).isEqualTo(0);
          await().atMost(Duration.ofMinutes(1)).untilAsserted(() ->
              assertThat(flinkGet(flink, "/overview").path("slots-available").asInt()).isEqualTo(0));

          HttpResponse<String> refused = call("POST", "/api/pipelines/gamma/deploy", null);
          assertThat(refused.statusCode()).isEqualTo(409);
          assertThat(json(refused).path("error").asText()).isEqualTo("capacity");
          assertThat(json(refused).path("message").asText()).startsWith("cannot deploy pipeline gamma: it needs 2 "
              + "task slots and 0 of the cluster's 4 are free (held by alpha: 2, beta: 2)");
          // run now of an undeployed pipeline is a job of its own: it needs slots too (a deployed one's is a run
          // request for its job, which needs none)
          HttpResponse<String> runNow = call("POST", "/api/pipelines/gamma/run", null);
          assertThat(runNow.statusCode()).isEqualTo(409);
          assertThat(json(runNow).path("message").asText()).startsWith("cannot run now pipeline gamma");

          // the first run of each deploy, with no Run now: rows land, and a wrong credential shows
          Set<String> alphaSeen = new HashSet<>();
          JsonNode alpha = awaitHealth("alpha", "healthy", alphaSeen);
          assertThat(alphaSeen).isSubsetOf("starting", "waiting_for_first_run", "healthy");
          assertThat(alpha.path("last_run_rows").asLong())
              .isEqualTo(fixture.sandbox().size(SandboxApi.TICKETS) + fixture.sandbox().size(SandboxApi.CONTACTS));
          JsonNode beta = awaitHealth("beta", "auth_failed", new HashSet<>());
          assertThat(beta.path("failed_credential").asText()).isEqualTo("sandbox-wrong");

          // the Flink web UI is no side door: no jar upload or run, no cancel button
          HttpResponse<String> upload = http.send(HttpRequest.newBuilder(URI.create(flink + "/jars/upload"))
              .POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());
          assertThat(upload.statusCode()).isEqualTo(404);
          JsonNode features = flinkGet(flink, "/config").path("features");
          assertThat(features.path("web-submit").asBoolean(true)).isFalse();
          assertThat(features.path("web-cancel").asBoolean(true)).isFalse();

          // a budget that believes in slots the cluster does not have: the job waits, and says so
          believedSlots.set(6);
          assertThat(call("POST", "/api/pipelines/gamma/deploy", null).statusCode()).isEqualTo(200);
          Set<String> gammaSeen = new HashSet<>();
          JsonNode starved = awaitHealth("gamma", "failing", gammaSeen);
          assertThat(gammaSeen).as("never running without running tasks")
              .isSubsetOf("starting", "failing:NO_RESOURCES");
          assertThat(gammaSeen).contains("starting");
          assertThat(starved.path("last_error").path("error_class").asText()).isEqualTo("NO_RESOURCES");
          assertThat(starved.path("last_error").path("message").asText())
              .startsWith("the job's tasks are not running after 4").contains("no free task slot");
          JsonNode gamma = json(call("GET", "/api/pipelines/gamma", null));
          assertThat(gamma.path("job_state").asText()).isEqualTo("no_resources");
          // 7 tasks: source and parse ×2, the endpoint writers, the runs and dead-letter sinks, and the publisher of
          // the sandbox's endpoints (not incremental, so full refreshes by default); none got a slot
          assertThat(gamma.path("job_detail").asText()).contains("(0 of 7 tasks running (SCHEDULED 7))");

          // undeploy frees it; a job cancelled behind the control plane's back is gone, and deploys again
          assertThat(json(call("POST", "/api/pipelines/gamma/undeploy", null)).path("state").asText())
              .isEqualTo("undeployed");
          believedSlots.set(-1);
          String alphaJob = json(call("GET", "/api/pipelines/alpha", null)).path("deployment_id").asText();
          assertThat(http.send(HttpRequest.newBuilder(URI.create(flink + "/jobs/" + alphaJob + "?mode=cancel"))
              .method("PATCH", HttpRequest.BodyPublishers.noBody()).build(),
              HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(202);
          JsonNode gone = awaitHealth("alpha", "failing", new HashSet<>());
          assertThat(gone.path("last_error").path("error_class").asText()).isEqualTo("JOB_GONE");
          JsonNode again = json(call("POST", "/api/pipelines/alpha/deploy", null));
          assertThat(again.path("deployment_id").asText()).isNotEqualTo(alphaJob);
          await().atMost(Duration.ofMinutes(1)).untilAsserted(() -> assertThat(
              json(call("GET", "/api/pipelines/alpha", null)).path("job_state").asText()).isEqualTo("running"));

          // delete keeps the tables unless asked
          assertThat(call("DELETE", "/api/pipelines/beta", null).statusCode()).isEqualTo(204);
          assertThat(fixture.rows("alpha", "tickets")).isEqualTo(fixture.sandbox().size(SandboxApi.TICKETS));
          HttpResponse<String> dropped = call("DELETE", "/api/pipelines/alpha?drop_tables=true", null);
          assertThat(dropped.statusCode()).isEqualTo(200);
          assertThat(json(dropped).path("dropped_tables").toString())
              .contains("alpha.tickets", "alpha.contacts", "alpha._ingest_runs");
          assertThat(fixture.rows("alpha", "tickets")).isEqualTo(0);
        }
      }
    }
  }

  private static String pipeline(DeployFixture fixture, String name, String secret) {
    return """
        {"name": "%s", "connector": "sandbox", "config": {"base_url": "%s"},
         "credentials": {"secret": "%s"}, "endpoints": ["tickets", "contacts"],
         "schedule": "0 0 1 1 *", "runtime": {"checkpoint_interval": "1s"}}
        """.formatted(name, fixture.sandbox().baseUrl(), secret);
  }

  private JsonNode awaitHealth(String pipeline, String status, Set<String> seen) {
    JsonNode[] last = new JsonNode[1];
    await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
      last[0] = json(call("GET", "/api/pipelines/" + pipeline + "/health", null));
      String error = last[0].path("last_error").path("error_class").asText("");
      seen.add(last[0].path("status").asText() + (error.isEmpty() ? "" : ":" + error));
      assertThat(last[0].path("status").asText()).isEqualTo(status);
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
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(flink + path)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(path).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  private static JsonNode json(HttpResponse<String> response) throws Exception {
    return JSON.readTree(response.body());
  }

  /** The real deployer, with a slot budget the test may make believe in more slots than the cluster has. */
  private record BudgetOverride(Deployer real, AtomicInteger slots) implements Deployer {
    @Override
    public String target() {
      return real.target();
    }

    @Override
    public Deployment deploy(PipelineDefinition pipeline, Deployment current) throws DeployException {
      return real.deploy(pipeline, current);
    }

    @Override
    public Deployment deploy(PipelineDefinition pipeline, Deployment current, boolean firstRun)
        throws DeployException {
      return real.deploy(pipeline, current, firstRun);
    }

    @Override
    public Deployment pause(Deployment deployment) throws DeployException {
      return real.pause(deployment);
    }

    @Override
    public Deployment resume(Deployment deployment, PipelineDefinition pipeline) throws DeployException {
      return real.resume(deployment, pipeline);
    }

    @Override
    public void delete(Deployment deployment) throws DeployException {
      real.delete(deployment);
    }

    @Override
    public DeploymentStatus status(Deployment deployment) throws DeployException {
      return real.status(deployment);
    }

    @Override
    public Deployment runNow(PipelineDefinition pipeline) throws DeployException {
      return real.runNow(pipeline);
    }

    @Override
    public boolean runsOnDeploy() {
      return real.runsOnDeploy();
    }

    @Override
    public void controlApiStarted(URI controlUrl) {
      real.controlApiStarted(controlUrl);
    }

    @Override
    public boolean takesRunRequests() {
      return real.takesRunRequests();
    }

    @Override
    public boolean runsEachRunAsAJob() {
      return real.runsEachRunAsAJob();
    }

    @Override
    public OptionalInt taskSlots() throws DeployException {
      return slots.get() < 0 ? real.taskSlots() : OptionalInt.of(slots.get());
    }
  }
}
