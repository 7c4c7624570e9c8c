package dev.ingest.control.api;

import static dev.ingest.control.api.ApiFixture.json;
import static dev.ingest.control.api.ApiFixture.pipeline;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ingest.sources.source.request.RunRequestSettings;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** "Run now" of a deployed pipeline as a run request its job polls for, through real HTTP requests. */
class RunRequestRoutesTest {
  @TempDir Path dir;
  ApiFixture api;

  @BeforeEach
  void start() {
    api = new ApiFixture(dir);
    api.call("POST", "/api/pipelines", pipeline("crm"));
  }

  @AfterEach
  void stop() {
    api.close();
  }

  @Test
  void runNowOfADeployedPipelineIsARequestItsJobTakesWithItsOwnToken() throws Exception {
    api.call("POST", "/api/pipelines/crm/deploy", null);
    String token = pollToken("crm");
    assertThat(api.deployer.controlUrl).hasToString("http://127.0.0.1:" + api.api.port());

    HttpResponse<String> run = api.call("POST", "/api/pipelines/crm/run", null);
    assertThat(run.statusCode()).as(run.body()).isEqualTo(202);
    JsonNode request = json(run).path("request");
    long id = request.path("id").asLong();
    assertThat(request.path("state").asText()).isEqualTo("waiting");
    assertThat(json(run).path("deployment_id").asText()).as("the deployed job runs it").isEqualTo("fake-crm");
    assertThat(run.headers().firstValue("Location")).contains("/api/pipelines/crm/run-requests/" + id);

    HttpResponse<String> poll = poll("crm", token, "after=0&started=0");
    assertThat(poll.statusCode()).as(poll.body()).isEqualTo(200);
    assertThat(json(poll).path("requests")).extracting(r -> r.path("id").asLong()).containsExactly(id);
    assertThat(state(id).path("state").asText()).isEqualTo("waiting");

    assertThat(json(poll("crm", token, "after=" + id + "&started=0")).path("requests")).isEmpty();
    assertThat(state(id).path("state").asText()).as("queued behind the run in progress").isEqualTo("accepted");

    poll("crm", token, "after=" + id + "&started=" + id + "&run=20261124T173000Z-000007");
    JsonNode started = state(id);
    assertThat(started.path("state").asText()).isEqualTo("started");
    assertThat(started.path("run_id").asText()).isEqualTo("20261124T173000Z-000007");
    assertThat(started.path("job_polled_at").isTextual()).isTrue();
    assertThat(api.deployer.calls).as("no second job").containsExactly("deploy crm");
  }

  @Test
  void requestsDuringARunShareTheNextRunAndARestoreThatWentBackClearsTheirRun() throws Exception {
    api.call("POST", "/api/pipelines/crm/deploy", null);
    String token = pollToken("crm");
    long first = json(api.call("POST", "/api/pipelines/crm/run", null)).path("request").path("id").asLong();
    long second = json(api.call("POST", "/api/pipelines/crm/run", null)).path("request").path("id").asLong();
    assertThat(second).isGreaterThan(first);

    poll("crm", token, "after=" + second + "&started=" + second + "&run=20261124T173000Z-000002");
    assertThat(state(first).path("run_id").asText()).isEqualTo("20261124T173000Z-000002");
    assertThat(state(second).path("run_id").asText()).isEqualTo("20261124T173000Z-000002");

    // the job failed over to a checkpoint taken before the second request's run started
    poll("crm", token, "after=" + second + "&started=" + first + "&run=20261124T173000Z-000002");
    assertThat(state(first).path("state").asText()).isEqualTo("started");
    assertThat(state(second).path("state").asText()).isEqualTo("accepted");
    assertThat(state(second).path("run_id").isNull()).isTrue();
  }

  @Test
  void aRequestTheJobHasNotTakenIsStillServedOnceAfterAControlRestart() throws Exception {
    api.call("POST", "/api/pipelines/crm/deploy", null);
    String token = pollToken("crm");
    long id = json(api.call("POST", "/api/pipelines/crm/run", null)).path("request").path("id").asLong();

    api.close();
    api = new ApiFixture(dir); // same database file and secret store: the control plane restarted

    assertThat(state(id).path("state").asText()).isEqualTo("waiting");
    HttpResponse<String> poll = poll("crm", token, "after=0&started=0");
    assertThat(poll.statusCode()).as(poll.body()).isEqualTo(200);
    assertThat(json(poll).path("requests")).extracting(r -> r.path("id").asLong()).containsExactly(id);
    assertThat(json(poll("crm", token, "after=" + id + "&started=0")).path("requests"))
        .as("taken once: the job's watermark is past it").isEmpty();
    poll("crm", token, "after=" + id + "&started=" + id + "&run=20261124T173000Z-000003");
    assertThat(state(id).path("run_id").asText()).isEqualTo("20261124T173000Z-000003");
    long next = json(api.call("POST", "/api/pipelines/crm/run", null)).path("request").path("id").asLong();
    assertThat(next).as("ids keep increasing across the restart").isGreaterThan(id);
    assertThat(json(poll("crm", token, "after=" + id + "&started=" + id + "&run=20261124T173000Z-000003"))
        .path("requests")).extracting(r -> r.path("id").asLong()).containsExactly(next);
  }

  @Test
  void thePollTokenOpensOnlyItsOwnPipelinesPoll() throws Exception {
    api.call("POST", "/api/pipelines", pipeline("other"));
    api.call("POST", "/api/pipelines/crm/deploy", null);
    String token = pollToken("crm");

    assertThat(poll("crm", token, "after=0&started=0").statusCode()).isEqualTo(200);
    assertThat(poll("other", token, "after=0&started=0").statusCode()).isEqualTo(401);
    assertThat(api.send("GET", "/api/pipelines/crm", null, Map.of("Authorization", "Bearer " + token))
        .statusCode()).isEqualTo(401);
    assertThat(api.send("POST", "/api/pipelines/crm/run", null, Map.of("Authorization", "Bearer " + token))
        .statusCode()).isEqualTo(401);
    assertThat(json(api.get("/api/pipelines/crm")).toString()).doesNotContain(token);
  }

  @Test
  void aPausedPipelineIsRefusedWithTheReason() {
    api.call("POST", "/api/pipelines/crm/deploy", null);
    api.call("POST", "/api/pipelines/crm/pause", null);

    HttpResponse<String> run = api.call("POST", "/api/pipelines/crm/run", null);

    assertThat(run.statusCode()).isEqualTo(409);
    assertThat(json(run).path("message").asText()).isEqualTo("pipeline crm is paused: resume it to run it (its "
        + "paused job holds the incremental position; a separate run now would fetch the same records again)");
    assertThat(api.deployer.calls).containsExactly("deploy crm", "pause fake-crm");
  }

  @Test
  void aDeployedJobThatTakesNoRequestsIsNotJoinedByASecondJob() {
    api.deployer.takesRunRequests = false;
    api.call("POST", "/api/pipelines/crm/deploy", null);

    HttpResponse<String> run = api.call("POST", "/api/pipelines/crm/run", null);

    assertThat(run.statusCode()).isEqualTo(409);
    assertThat(json(run).path("message").asText()).isEqualTo("pipeline crm is deployed and its job on the fake "
        + "deployer does not take run requests: a separate run-now job next to it would fetch the same incremental "
        + "window twice; wait for the next scheduled run");
    assertThat(api.deployer.calls).containsExactly("deploy crm");
  }

  @Test
  void aPipelineThatIsNotDeployedRunsOnceAsItsOwnJob() {
    HttpResponse<String> run = api.call("POST", "/api/pipelines/crm/run", null);

    assertThat(run.statusCode()).isEqualTo(202);
    assertThat(json(run).path("status").asText()).isEqualTo("run started as its own job");
    assertThat(json(run).path("deployment_id").asText()).isEqualTo("fake-crm-run");
    assertThat(api.deployer.calls).containsExactly("run fake-crm");
  }

  @Test
  void badPollQueriesAndUnknownRequestsNameTheProblem() {
    api.call("POST", "/api/pipelines/crm/deploy", null);

    assertThat(json(api.get("/api/pipelines/crm/run-requests?after=x")).path("message").asText())
        .isEqualTo("after: expected a non-negative request id, got 'x'");
    assertThat(api.get("/api/pipelines/crm/run-requests/42").statusCode()).isEqualTo(404);
    assertThat(api.get("/api/pipelines/crm/run-requests/zero").statusCode()).isEqualTo(400);
  }

  private String pollToken(String pipeline) throws Exception {
    return api.secrets.read(RunRequestSettings.tokenSecretFor(pipeline)).orElseThrow().get("token");
  }

  private HttpResponse<String> poll(String pipeline, String token, String query) {
    return api.send("GET", "/api/pipelines/" + pipeline + "/run-requests?" + query, null,
        Map.of("Authorization", "Bearer " + token));
  }

  private JsonNode state(long id) {
    HttpResponse<String> response = api.get("/api/pipelines/crm/run-requests/" + id);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return json(response);
  }
}
