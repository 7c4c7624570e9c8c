package dev.ingest.control.api;

import static dev.ingest.control.api.ApiFixture.json;
import static dev.ingest.control.api.ApiFixture.pipeline;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ingest.control.model.DeploymentStatus;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The slot budget, the first-run flag and the startup bound through the API, against a {@link FakeDeployer} that
 * reports a fixed number of task slots (the real clusters are in CapacityOnLocalClusterITCase).
 */
class CapacityRoutesTest {
  @TempDir Path dir;
  final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-12-07T02:00:00Z"));
  ApiFixture api;

  @AfterEach
  void close() {
    api.close();
  }

  private void start() {
    Clock clock = new Clock() {
      @Override
      public ZoneOffset getZone() {
        return ZoneOffset.UTC;
      }

      @Override
      public Clock withZone(java.time.ZoneId zone) {
        return this;
      }

      @Override
      public Instant instant() {
        return now.get();
      }
    };
    api = new ApiFixture(dir, b -> b.clock(clock).startupBound(Duration.ofSeconds(30)));
  }

  @Test
  void aDeployThatDoesNotFitIsRefusedWith409NamingWhoHoldsTheSlots() {
    start();
    api.deployer.slots = OptionalInt.of(4);
    for (String name : List.of("a", "b", "c")) {
      assertThat(api.call("POST", "/api/pipelines", pipeline(name)).statusCode()).isEqualTo(201);
    }
    assertThat(api.call("POST", "/api/pipelines/a/deploy", null).statusCode()).isEqualTo(200);
    assertThat(api.call("POST", "/api/pipelines/b/deploy", null).statusCode()).isEqualTo(200);

    JsonNode capacity = json(api.get("/api/capacity"));
    assertThat(capacity.path("slots_total").asInt()).isEqualTo(4);
    assertThat(capacity.path("slots_used").asInt()).isEqualTo(4);
    assertThat(capacity.path("slots_free").asInt()).isEqualTo(0);
    assertThat(capacity.path("claims").toString())
        .isEqualTo("[{\"pipeline\":\"a\",\"slots\":2,\"kind\":\"deployed\"},"
            + "{\"pipeline\":\"b\",\"slots\":2,\"kind\":\"deployed\"}]");

    HttpResponse<String> refused = api.call("POST", "/api/pipelines/c/deploy", null);
    assertThat(refused.statusCode()).isEqualTo(409);
    assertThat(json(refused).path("error").asText()).isEqualTo("capacity");
    assertThat(json(refused).path("message").asText()).startsWith("cannot deploy pipeline c: it needs 2 task slots "
        + "and 0 of the cluster's 4 are free (held by a: 2, b: 2)");
    assertThat(json(api.get("/api/pipelines/c")).path("state").asText()).isEqualTo("undeployed");
    // run now of a deployed pipeline is a run request for its job: no further slot; of an undeployed one, a job
    HttpResponse<String> requested = api.call("POST", "/api/pipelines/a/run", null);
    assertThat(requested.statusCode()).as(requested.body()).isEqualTo(202);
    assertThat(json(requested).path("status").asText()).isEqualTo("run requested");
    HttpResponse<String> ownJob = api.call("POST", "/api/pipelines/c/run", null);
    assertThat(ownJob.statusCode()).isEqualTo(409);
    assertThat(json(ownJob).path("error").asText()).isEqualTo("capacity");
    assertThat(json(ownJob).path("message").asText()).startsWith("cannot run now pipeline c: it needs 2 task slots");
    assertThat(api.deployer.calls).containsExactly("deploy a", "deploy b");

    // a redeploy of a deployed pipeline reuses its own slots; a pause frees them
    assertThat(api.call("POST", "/api/pipelines/b/deploy", null).statusCode()).isEqualTo(200);
    assertThat(api.call("POST", "/api/pipelines/a/pause", null).statusCode()).isEqualTo(200);
    assertThat(api.call("POST", "/api/pipelines/c/deploy", null).statusCode()).isEqualTo(200);
    HttpResponse<String> resume = api.call("POST", "/api/pipelines/a/resume", null);
    assertThat(resume.statusCode()).isEqualTo(409);
    assertThat(json(resume).path("message").asText()).startsWith("cannot resume pipeline a: it needs 2 task slots");
  }

  @Test
  void withoutABudgetNothingIsRefused() {
    start();
    api.call("POST", "/api/pipelines", pipeline("a"));
    assertThat(api.call("POST", "/api/pipelines/a/deploy", null).statusCode()).isEqualTo(200);
    JsonNode capacity = json(api.get("/api/capacity"));
    assertThat(capacity.path("slots_total").isNull()).isTrue();
    assertThat(capacity.path("slots_used").asInt()).as("the default parallelism, 2").isEqualTo(2);
  }

  @Test
  void aDeployStartsAFirstRunUnlessAskedNotTo() {
    start();
    api.call("POST", "/api/pipelines", pipeline("a"));
    assertThat(api.call("POST", "/api/pipelines/a/deploy", null).statusCode()).isEqualTo(200);
    assertThat(api.call("POST", "/api/pipelines/a/deploy?first_run=false", null).statusCode()).isEqualTo(200);
    HttpResponse<String> bad = api.call("POST", "/api/pipelines/a/deploy?first_run=maybe", null);
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(json(bad).path("errors").get(0).path("field").asText()).isEqualTo("first_run");
    assertThat(api.deployer.firstRuns).containsExactly(true, false);
    assertThat(json(api.get("/api/pipelines/a/health")).path("status").asText()).isEqualTo("waiting_for_first_run");

    // a job that takes run requests takes one during its first run too: it waits for that run, no second job
    api.call("POST", "/api/pipelines/a/deploy", null);
    HttpResponse<String> request = api.call("POST", "/api/pipelines/a/run", null);
    assertThat(request.statusCode()).as(request.body()).isEqualTo(202);
    assertThat(json(request).path("status").asText()).isEqualTo("run requested");
    assertThat(api.deployer.calls).noneMatch(call -> call.startsWith("run "));
  }

  @Test
  void aSeparateRunNowJobWaitsForTheDeploysFirstRun() {
    start();
    api.deployer.takesRunRequests = false;
    api.deployer.runsEachRunAsAJob = true;
    api.call("POST", "/api/pipelines", pipeline("a"));
    api.call("POST", "/api/pipelines/a/deploy", null);
    HttpResponse<String> early = api.call("POST", "/api/pipelines/a/run", null);
    assertThat(early.statusCode()).isEqualTo(409);
    assertThat(json(early).path("message").asText()).startsWith("pipeline a: the first run its deploy started");
    api.call("POST", "/api/pipelines/a/deploy?first_run=false", null);
    HttpResponse<String> ownJob = api.call("POST", "/api/pipelines/a/run", null);
    assertThat(ownJob.statusCode()).isEqualTo(202);
    assertThat(json(ownJob).path("status").asText()).isEqualTo("run started as its own job");
    assertThat(api.deployer.calls).containsExactly("deploy a", "deploy a from fake-a", "run fake-a");
  }

  @Test
  void aJobWhoseTasksDoNotStartWithinTheBoundFailsWithNoResources() {
    start();
    api.call("POST", "/api/pipelines", pipeline("a"));
    api.call("POST", "/api/pipelines/a/deploy", null);
    api.deployer.states.put("fake-a", DeploymentStatus.State.DEPLOYING);

    assertThat(json(api.get("/api/pipelines/a/health")).path("status").asText()).isEqualTo("starting");
    now.set(now.get().plusSeconds(29));
    assertThat(json(api.get("/api/pipelines/a/health")).path("status").asText()).isEqualTo("starting");
    now.set(now.get().plusSeconds(1));
    JsonNode failing = json(api.get("/api/pipelines/a/health"));
    assertThat(failing.path("status").asText()).isEqualTo("failing");
    assertThat(failing.path("last_error").path("endpoint").asText()).isEqualTo("(job)");
    assertThat(failing.path("last_error").path("error_class").asText()).isEqualTo("NO_RESOURCES");
    assertThat(failing.path("last_error").path("message").asText())
        .startsWith("the job's tasks are not running after 30 s");
    assertThat(json(api.get("/api/pipelines/a")).path("job_state").asText()).isEqualTo("no_resources");

    // its tasks got slots: the verdict clears
    api.deployer.states.put("fake-a", DeploymentStatus.State.RUNNING);
    assertThat(json(api.get("/api/pipelines/a/health")).path("status").asText()).isEqualTo("waiting_for_first_run");
  }

  @Test
  void theNameTakenErrorDoesNotSendDashboardUsersToPut() {
    start();
    api.call("POST", "/api/pipelines", pipeline("a"));
    HttpResponse<String> taken = api.call("POST", "/api/pipelines", pipeline("a"));
    assertThat(taken.statusCode()).isEqualTo(409);
    assertThat(json(taken).path("message").asText())
        .isEqualTo("a pipeline named 'a' already exists: choose another name, or edit the existing one");
  }

  @Test
  void theFaviconNeedsNoToken() {
    start();
    HttpResponse<String> favicon = api.send("GET", "/favicon.ico", null, java.util.Map.of());
    assertThat(favicon.statusCode()).isEqualTo(204);
  }
}
