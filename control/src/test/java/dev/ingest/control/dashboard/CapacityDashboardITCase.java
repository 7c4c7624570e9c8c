package dev.ingest.control.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ingest.control.api.ApiToken;
import dev.ingest.control.api.ControlApi;
import dev.ingest.control.deploy.DeployFixture;
import dev.ingest.control.deploy.local.LocalDeployer;
import dev.ingest.control.deploy.local.LocalFlinkCluster;
import dev.ingest.control.store.Database;
import dev.ingest.control.store.StoreConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A full cluster, as a dashboard user meets it, in headless Chromium: the embedded cluster ({@code local} deployer)
 * with 2 task slots, one pipeline deployed at the default parallelism 2. The overview says the slots are all in use
 * and that further deploys are refused; Deploy on a second pipeline is refused with the API's {@code capacity}
 * message in the status line, the pipeline stays "Not deployed"; the message is gone after navigating away. Then
 * the lifecycle buttons: Undeploy frees the slots (the overview says so), Delete… with "also drop its tables"
 * removes the pipeline and the overview says it was deleted with its tables.
 */
class CapacityDashboardITCase {
  static final String API_TOKEN = "capacity-dashboard-token-0123456789";
  static final Path SCREENSHOTS = Path.of("target", "screenshots");

  @TempDir Path dir;
  final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  String base;

  @BeforeAll
  static void requireChromium() {
    dev.ingest.testkit.Requirement.require(Browser.available(),
        "headless Chromium and ChromeDriver (" + Browser.CHROMIUM + ", " + Browser.CHROMEDRIVER + ")",
        "apt-get install -y chromium chromium-driver (.ci/run does)");
  }

  @Test
  @Timeout(value = 5, unit = TimeUnit.MINUTES)
  void aDeployThatDoesNotFitIsRefusedAndTheFullClusterIsShown() throws Exception {
    try (DeployFixture fixture = new DeployFixture(dir.resolve("home"));
        Database database = Database.open(StoreConfig.embedded(dir.resolve("db")));
        LocalFlinkCluster cluster = LocalFlinkCluster.start(0, 2, new Configuration());
        ControlApi api = ControlApi.builder().home(fixture.home()).database(database)
            .deployer(new LocalDeployer(cluster, fixture.home(), fixture.secrets()))
            .secrets(fixture.secrets().open()).token(ApiToken.of(API_TOKEN)).syncInterval(Duration.ZERO).build()
            .start("127.0.0.1", 0);
        Browser browser = new Browser(dir.resolve("chromium"), SCREENSHOTS, Duration.ofSeconds(30))) {
      base = "http://127.0.0.1:" + api.port();
      for (String name : new String[] {"first", "second"}) {
        String json = """
            {"name": "%s", "connector": "sandbox", "config": {"base_url": "%s"},
             "credentials": {"secret": "%s"}, "endpoints": ["tickets"], "schedule": "0 0 1 1 *"}
            """.formatted(name, fixture.sandbox().baseUrl(), DeployFixture.SECRET);
        assertThat(call("POST", "/api/pipelines", json).statusCode()).isEqualTo(201);
      }
      assertThat(call("POST", "/api/pipelines/first/deploy?first_run=false", null).statusCode()).isEqualTo(200);

      browser.open(base + "/dashboard/");
      browser.type("#api-token", API_TOKEN);
      browser.click("form button[type=submit]");
      String capacity = browser.waitForText("#capacity", "Task slots: 2 of 2 in use");
      assertThat(capacity).isEqualTo("Task slots: 2 of 2 in use (first: 2). The cluster is full: a further deploy, "
          + "resume or run now is refused until a pipeline is paused or undeployed.");
      assertThat(browser.find("#capacity").getAttribute("data-full")).isEqualTo("true");
      browser.screenshot("capacity-01-overview-full");

      browser.click("tr[data-pipeline=second] a");
      browser.waitForText("main h1", "second");
      assertThat(browser.waitForText("#pipeline-capacity", "Task slots")).contains("The cluster is full");
      browser.click("#deploy");
      String status = browser.waitForText("#status", "Deploy failed");
      assertThat(status).startsWith("Deploy failed: cannot deploy pipeline second: it needs 2 task slots and 0 of "
          + "the cluster's 2 are free (held by first: 2).");
      assertThat(browser.find("#status").getAttribute("data-kind")).isEqualTo("error");
      assertThat(browser.find("#health span").getAttribute("data-health")).isEqualTo("undeployed");
      browser.screenshot("capacity-02-deploy-refused");

      browser.click("nav a[href='#/']");
      browser.waitForText("main h1", "Pipelines");
      browser.until(d -> d.findElement(org.openqa.selenium.By.id("status")).getText().isEmpty() ? Boolean.TRUE : null,
          "the status line cleared after navigation");
      assertThat(call("GET", "/api/pipelines/second", null).body()).contains("\"state\":\"undeployed\"");
      browser.screenshot("capacity-03-overview-after-navigation");

      // lifecycle: undeploy frees the slots; delete asks first and drops the tables only when ticked
      browser.click("tr[data-pipeline=first] a");
      browser.waitForText("main h1", "first");
      // deployed without a first run: once its tasks run, it waits for the schedule (never "no errors")
      assertThat(browser.waitForText("#no-run-yet", "No run has finished yet.")).isEqualTo("No run has finished yet.");
      browser.waitForText("#health", "Waiting for first run");
      browser.click("#undeploy");
      assertThat(browser.waitForText("#status", "undeployed")).isEqualTo(
          "first undeployed: its job is stopped; the pipeline and its tables are kept.");
      browser.waitForText("#health", "Not deployed");
      browser.click("nav a[href='#/']");
      assertThat(browser.waitForText("#capacity", "Task slots: 0 of 2 in use")).endsWith("2 free.");
      browser.click("tr[data-pipeline=second] a");
      browser.waitForText("main h1", "second");
      browser.click("#delete");
      browser.click("#drop-tables");
      browser.screenshot("capacity-04-delete-confirm");
      browser.click("#confirm-delete");
      browser.waitForText("main h1", "Pipelines");
      assertThat(browser.waitForText("#status", "deleted")).isEqualTo("second deleted with its tables.");
      browser.waitUntilGone("tr[data-pipeline=second]");
      assertThat(call("GET", "/api/pipelines/second", null).statusCode()).isEqualTo(404);
      assertThat(call("GET", "/api/pipelines/first", null).statusCode()).isEqualTo(200);
    }
  }

  private HttpResponse<String> call(String method, String path, String body) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
        .header("Authorization", "Bearer " + API_TOKEN).timeout(Duration.ofSeconds(60))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
