package dev.ingest.control.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ingest.control.api.ApiToken;
import dev.ingest.control.api.ControlApi;
import dev.ingest.control.deploy.DeployFixture;
import dev.ingest.control.deploy.local.LocalDeployer;
import dev.ingest.control.deploy.local.LocalFlinkCluster;
import dev.ingest.control.store.Database;
import dev.ingest.control.store.StoreConfig;
import dev.ingest.sandbox.SandboxApi;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * "Run now" from the dashboard on the local Flink cluster, in headless Chromium: the button sends a run request
 * the deployed job takes; the run lands every ticket once, the cluster runs one job (no run-now job beside it),
 * and the page's Flink link points at that job.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class RunNowDashboardITCase {
  static final String API_TOKEN = "run-now-dashboard-token-0123456789";
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @BeforeAll
  static void requireChromium() {
    Browser.require();
  }

  @Test
  void runNowRunsInsideTheDeployedJobAndTheFlinkLinkShowsThatJob() throws Exception {
    try (DeployFixture fixture = new DeployFixture(dir.resolve("home"));
        Database database = Database.open(StoreConfig.embedded(dir.resolve("db")));
        LocalFlinkCluster cluster = LocalFlinkCluster.start(0, 2, new Configuration());
        ControlApi api = ControlApi.builder().home(fixture.home()).database(database)
            .deployer(new LocalDeployer(cluster, fixture.home(), fixture.secrets())
                .pollingRunRequestsEvery(Duration.ofMillis(300)))
            .secrets(fixture.secrets().open()).token(ApiToken.of(API_TOKEN)).syncInterval(Duration.ofSeconds(1))
            .build().start("127.0.0.1", 0);
        Browser browser = new Browser(dir.resolve("chromium"), DashboardITCase.SCREENSHOTS, Duration.ofSeconds(20))) {
      String base = "http://127.0.0.1:" + api.port();
      assertThat(send(base, "POST", "/api/pipelines", fixture.pipeline("runnow", "0 0 0 1 1 ?").yaml())
          .statusCode()).isEqualTo(201);
      // no first run on deploy: this test's one run is the Run now (UpOnLocalClusterITCase runs one during it)
      JsonNode deployed = JSON.readTree(send(base, "POST", "/api/pipelines/runnow/deploy?first_run=false", null)
          .body());
      String jobUrl = deployed.path("job_url").asText();
      assertThat(jobUrl).contains(deployed.path("deployment_id").asText());

      browser.open(base + "/");
      browser.type("#api-token", API_TOKEN);
      browser.click("form button[type=submit]");
      browser.waitForText("main h1", "Pipelines");
      browser.open(base + "/#/pipelines/runnow");
      browser.waitForText("main h1", "runnow");
      assertThat(browser.find("#flink-link").getAttribute("href")).isEqualTo(jobUrl);

      browser.click("#run-now");
      assertThat(browser.waitForText("#status", "Run requested for runnow (request "))
          .contains("the running job starts it within seconds");
      String tickets = String.format(Locale.US, "%,d", fixture.sandbox().size(SandboxApi.TICKETS));
      browser.waitForText("#health", "Healthy", Duration.ofSeconds(90));
      browser.waitForText("[data-endpoint=tickets] [data-cell=last-rows]", tickets, Duration.ofSeconds(30));
      browser.waitForText("[data-endpoint=tickets] [data-cell=table-rows]", tickets, Duration.ofSeconds(30));
      assertThat(browser.text("#runs tbody").lines().count()).as("one run").isEqualTo(1);
      assertThat(browser.find("#flink-link").getAttribute("href")).isEqualTo(jobUrl);
      browser.screenshot("20-run-now-in-deployed-job");

      assertThat(fixture.rows("runnow", "tickets")).isEqualTo(fixture.sandbox().size(SandboxApi.TICKETS));
      JsonNode jobs = JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(cluster.webUrl() + "/jobs"))
          .build(), HttpResponse.BodyHandlers.ofString()).body()).path("jobs");
      assertThat(jobs).as("the deployed job only").hasSize(1);
      assertThat(jobs.get(0).path("id").asText()).isEqualTo(deployed.path("deployment_id").asText());
    }
  }

  private HttpResponse<String> send(String base, String method, String path, String yaml) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
        .header("Authorization", "Bearer " + API_TOKEN).timeout(Duration.ofSeconds(60))
        .method(method, yaml == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(yaml));
    if (yaml != null) {
      request.header("Content-Type", "application/yaml");
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
