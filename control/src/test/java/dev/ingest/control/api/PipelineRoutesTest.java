package dev.ingest.control.api;

import static dev.ingest.control.api.ApiFixture.json;
import static dev.ingest.control.api.ApiFixture.pipeline;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ingest.control.model.DeploymentStatus;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pipeline CRUD, validation and versioned writes through real HTTP requests. */
class PipelineRoutesTest {
  @TempDir Path dir;
  ApiFixture api;

  @BeforeEach
  void start() {
    api = new ApiFixture(dir);
  }

  @AfterEach
  void stop() {
    api.close();
  }

  @Test
  void createsReadsAndListsAPipeline() {
    HttpResponse<String> created = api.call("POST", "/api/pipelines", pipeline("crm"));

    assertThat(created.statusCode()).isEqualTo(201);
    assertThat(created.headers().firstValue("ETag")).contains("\"1\"");
    assertThat(created.headers().firstValue("Location")).contains("/api/pipelines/crm");
    JsonNode body = json(created);
    assertThat(body.path("version").asLong()).isEqualTo(1);
    assertThat(body.path("state").asText()).isEqualTo("undeployed");
    assertThat(body.path("health").path("status").asText()).isEqualTo("undeployed");
    assertThat(body.path("credential").asText()).isEqualTo("crm-token");
    assertThat(body.path("definition").path("endpoints")).hasSize(2);

    assertThat(json(api.get("/api/pipelines/crm")).path("name").asText()).isEqualTo("crm");
    assertThat(json(api.get("/api/pipelines"))).extracting(n -> n.path("name").asText()).containsExactly("crm");
    assertThat(api.deployer.calls).isEmpty();
  }

  @Test
  void acceptsAYamlBody() {
    String yaml = """
        name: support
        connector: sandbox
        config: {base_url: "http://127.0.0.1:9"}
        credentials: {secret: s}
        endpoints: [issues]
        schedule: "0 * * * *"
        """;

    HttpResponse<String> created = api.call("POST", "/api/pipelines", yaml, "Content-Type", "application/yaml");

    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    assertThat(json(created).path("endpoints").get(0).asText()).isEqualTo("issues");
  }

  @Test
  void invalidDefinitionIsRejectedWithEveryFieldNamedAndNothingStoredOrDeployed() {
    String bad = "{\"name\":\"crm\",\"connector\":\"sandbox\",\"config\":{\"base_url\":\"http://127.0.0.1:9\"},"
        + "\"credentials\":{\"secret\":\"s\"},\"endpoints\":[\"tickets\",\"nope\"],\"schedule\":\"61 * * * *\","
        + "\"colour\":\"blue\"}";

    HttpResponse<String> response = api.call("POST", "/api/pipelines", bad);

    assertThat(response.statusCode()).isEqualTo(422);
    JsonNode body = json(response);
    assertThat(body.path("error").asText()).isEqualTo("invalid");
    assertThat(body.path("errors")).extracting(e -> e.path("field").asText())
        .contains("endpoints[1]", "schedule", "colour");
    assertThat(body.path("errors").toString()).contains("unknown endpoint 'nope'");
    assertThat(json(api.get("/api/pipelines"))).isEmpty();
    assertThat(api.deployer.calls).isEmpty();
  }

  @Test
  void unknownConnectorAndMissingFieldsNameTheirFields() {
    HttpResponse<String> response = api.call("POST", "/api/pipelines", "{\"name\":\"x\",\"connector\":\"nosuch\"}");

    assertThat(response.statusCode()).isEqualTo(422);
    assertThat(json(response).path("errors")).extracting(e -> e.path("field").asText())
        .contains("connector", "endpoints", "schedule");
  }

  @Test
  void malformedBodiesAre400AndConnectorFilesAreRefused() {
    assertThat(api.call("POST", "/api/pipelines", "{not json").statusCode()).isEqualTo(400);
    assertThat(api.call("POST", "/api/pipelines", "[1,2]").statusCode()).isEqualTo(400);
    assertThat(api.call("POST", "/api/pipelines", "").statusCode()).isEqualTo(400);

    HttpResponse<String> file = api.call("POST", "/api/pipelines",
        "{\"name\":\"x\",\"connector_file\":\"/etc/passwd\",\"endpoints\":[\"a\"],\"schedule\":\"0 * * * *\"}");
    assertThat(file.statusCode()).isEqualTo(422);
    assertThat(json(file).path("errors").get(0).path("field").asText()).isEqualTo("connector_file");
  }

  @Test
  void duplicateNameIs409() {
    api.call("POST", "/api/pipelines", pipeline("crm"));

    HttpResponse<String> again = api.call("POST", "/api/pipelines", pipeline("crm"));

    assertThat(again.statusCode()).isEqualTo(409);
    assertThat(json(again).path("error").asText()).isEqualTo("exists");
  }

  @Test
  void updateNeedsTheCurrentVersionAndAStaleOneGets409() {
    api.call("POST", "/api/pipelines", pipeline("crm"));

    HttpResponse<String> noVersion = api.call("PUT", "/api/pipelines/crm", pipeline("crm"));
    HttpResponse<String> viaHeader = api.call("PUT", "/api/pipelines/crm",
        pipeline("crm").replace("*/15 * * * *", "0 * * * *"), "If-Match", "\"1\"");
    HttpResponse<String> viaBody = api.call("PUT", "/api/pipelines/crm",
        pipeline("crm", "\"version\":2").replace("*/15 * * * *", "5 * * * *"));
    HttpResponse<String> stale = api.call("PUT", "/api/pipelines/crm", pipeline("crm"), "If-Match", "\"1\"");

    assertThat(noVersion.statusCode()).isEqualTo(428);
    assertThat(viaHeader.statusCode()).as(viaHeader.body()).isEqualTo(200);
    assertThat(viaHeader.headers().firstValue("ETag")).contains("\"2\"");
    assertThat(viaBody.statusCode()).as(viaBody.body()).isEqualTo(200);
    assertThat(json(viaBody).path("schedule").asText()).isEqualTo("5 * * * *");
    assertThat(json(viaBody).path("definition").has("version")).isFalse();
    assertThat(stale.statusCode()).isEqualTo(409);
    assertThat(json(stale).path("error").asText()).isEqualTo("version_conflict");
    assertThat(json(stale).path("current_version").asLong()).isEqualTo(3);
    assertThat(json(api.get("/api/pipelines/crm")).path("schedule").asText()).isEqualTo("5 * * * *");
  }

  @Test
  void concurrentUpdatesFromOneVersionNeverLoseOne() throws Exception {
    api.call("POST", "/api/pipelines", pipeline("crm"));
    int writers = 6;
    CountDownLatch go = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(writers);
    List<Future<Integer>> statuses = new ArrayList<>();
    try {
      for (int i = 0; i < writers; i++) {
        String schedule = i + " * * * *";
        statuses.add(pool.submit(() -> {
          go.await();
          return api.call("PUT", "/api/pipelines/crm", pipeline("crm").replace("*/15 * * * *", schedule),
              "If-Match", "\"1\"").statusCode();
        }));
      }
      go.countDown();
      List<Integer> codes = new ArrayList<>();
      for (Future<Integer> f : statuses) {
        codes.add(f.get(60, TimeUnit.SECONDS));
      }
      assertThat(codes).containsOnly(200, 409);
      assertThat(codes).filteredOn(c -> c == 200).hasSize(1);
    } finally {
      pool.shutdownNow();
    }
    assertThat(json(api.get("/api/pipelines/crm")).path("version").asLong()).isEqualTo(2);
  }

  @Test
  void renamingThroughUpdateIsRejected() {
    api.call("POST", "/api/pipelines", pipeline("crm"));

    HttpResponse<String> response = api.call("PUT", "/api/pipelines/crm", pipeline("other"), "If-Match", "1");

    assertThat(response.statusCode()).isEqualTo(422);
    assertThat(json(response).path("errors").get(0).path("field").asText()).isEqualTo("name");
  }

  @Test
  void deployPauseResumeRunUndeployAndDeleteDriveTheDeployer() {
    api.call("POST", "/api/pipelines", pipeline("crm"));

    // not deployed: a bounded job of its own
    assertThat(api.call("POST", "/api/pipelines/crm/run", null).statusCode()).isEqualTo(202);
    HttpResponse<String> deployed = api.call("POST", "/api/pipelines/crm/deploy?first_run=false", null, "If-Match",
        "\"1\"");
    assertThat(deployed.statusCode()).as(deployed.body()).isEqualTo(200);
    assertThat(json(deployed).path("state").asText()).isEqualTo("deployed");
    assertThat(json(deployed).path("deployment_id").asText()).isEqualTo("fake-crm");
    assertThat(json(deployed).path("job_url").asText()).contains("fake-crm");
    assertThat(json(deployed).path("next_run_at").isTextual()).isTrue();
    // the run-now job started above still runs: that outranks waiting_for_first_run
    assertThat(json(deployed).path("health").path("status").asText()).isEqualTo("running");

    // deployed: a run request for the deployed job, no second job
    assertThat(api.call("POST", "/api/pipelines/crm/run", null).statusCode()).isEqualTo(202);
    assertThat(json(api.get("/api/pipelines/crm/health")).path("status").asText()).isEqualTo("running");
    api.deployer.states.put("fake-crm-run", DeploymentStatus.State.FINISHED);
    assertThat(json(api.call("POST", "/api/pipelines/crm/pause", null)).path("health").path("status").asText())
        .isEqualTo("paused");
    assertThat(api.call("POST", "/api/pipelines/crm/pause", null).statusCode()).isEqualTo(409);
    assertThat(api.call("POST", "/api/pipelines/crm/resume", null, "If-Match", "\"1\"").statusCode()).isEqualTo(409);
    assertThat(json(api.call("POST", "/api/pipelines/crm/resume", null)).path("state").asText()).isEqualTo("deployed");
    HttpResponse<String> undeployed = api.call("POST", "/api/pipelines/crm/undeploy", null);
    assertThat(json(undeployed).path("state").asText()).isEqualTo("undeployed");
    assertThat(api.call("DELETE", "/api/pipelines/crm", null).statusCode()).isEqualTo(204);
    assertThat(api.get("/api/pipelines/crm").statusCode()).isEqualTo(404);

    assertThat(api.deployer.calls).containsExactly("run fake-crm", "deploy crm", "pause fake-crm",
        "resume fake-crm from file:/savepoints/fake-crm", "delete fake-crm", "delete fake-crm-run");
  }

  @Test
  void updatingADeployedPipelineUpgradesItsDeployment() {
    api.call("POST", "/api/pipelines", pipeline("crm"));
    api.call("POST", "/api/pipelines/crm/deploy", null);

    api.call("PUT", "/api/pipelines/crm", pipeline("crm").replace("*/15 * * * *", "0 * * * *"), "If-Match", "2");

    assertThat(api.deployer.calls).containsExactly("deploy crm", "deploy crm from fake-crm");
    assertThat(api.deployer.deployed.get("fake-crm").yaml()).contains("0 * * * *");
  }

  @Test
  void aFailedOrLostJobMakesTheHealthFailingWithTheDeployersDetail() {
    api.call("POST", "/api/pipelines", pipeline("crm"));
    api.call("POST", "/api/pipelines/crm/deploy", null);
    api.deployer.states.put("fake-crm", DeploymentStatus.State.FAILED);
    api.deployer.failureDetail = "java.lang.OutOfMemoryError: Java heap space";

    JsonNode failing = json(api.get("/api/pipelines/crm/health"));
    assertThat(failing.path("status").asText()).isEqualTo("failing");
    assertThat(failing.path("last_error").path("error_class").asText()).isEqualTo("JOB_FAILED");
    assertThat(failing.path("last_error").path("message").asText()).contains("Java heap space");
    assertThat(json(api.get("/api/pipelines/crm")).path("job_state").asText()).isEqualTo("failed");

    api.deployer.states.remove("fake-crm");
    assertThat(json(api.get("/api/pipelines/crm/health")).path("last_error").path("error_class").asText())
        .isEqualTo("JOB_GONE");

    api.deployer.states.put("fake-crm", DeploymentStatus.State.DEPLOYING);
    assertThat(json(api.get("/api/pipelines/crm/health")).path("status").asText()).isEqualTo("starting");
  }

  @Test
  void restoreStartsOnlyJobsTheClusterLostFromTheSavepointAShutdownTook() {
    api.call("POST", "/api/pipelines", pipeline("crm"));
    api.call("POST", "/api/pipelines", pipeline("hr"));
    api.call("POST", "/api/pipelines/crm/deploy", null);
    api.call("POST", "/api/pipelines/hr/deploy", null);

    assertThat(api.api.suspendDeployments()).isEqualTo(2);
    assertThat(json(api.get("/api/pipelines/crm")).path("state").asText()).isEqualTo("deployed");
    api.deployer.states.clear(); // the local cluster died with the process
    api.deployer.calls.clear();

    assertThat(api.api.restoreDeployments()).isEqualTo(2);
    assertThat(api.deployer.calls).containsExactlyInAnyOrder("deploy crm from fake-crm", "deploy hr from fake-hr");
    assertThat(api.api.restoreDeployments()).as("running jobs are left alone").isZero();
  }

  @Test
  void aFailingDeployerIs502AndLeavesTheStateAsItWas() {
    api.call("POST", "/api/pipelines", pipeline("crm"));
    api.deployer.failWith = "session cluster unreachable";

    HttpResponse<String> response = api.call("POST", "/api/pipelines/crm/deploy", null);

    assertThat(response.statusCode()).isEqualTo(502);
    assertThat(json(response).path("message").asText()).contains("session cluster unreachable");
    assertThat(json(api.get("/api/pipelines/crm")).path("state").asText()).isEqualTo("undeployed");
  }

  @Test
  void unknownPipelineIs404() {
    HttpResponse<String> response = api.get("/api/pipelines/nosuch");

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(json(response).path("message").asText()).contains("no pipeline named 'nosuch'");
  }
}
