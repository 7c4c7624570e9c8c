package dev.ingest.control.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ingest.control.api.ApiToken;
import dev.ingest.control.api.ControlApi;
import dev.ingest.control.deploy.localrun.LocalRunDeployer;
import dev.ingest.control.store.Database;
import dev.ingest.control.store.StoreConfig;
import dev.ingest.jobs.IngestHome;
import dev.ingest.sources.net.AddressPolicy;
import dev.ingest.sandbox.SandboxApi;
import dev.ingest.sources.secret.LocalFileSecretStore;
import dev.ingest.sources.secret.LocalFileSecretStoreProvider;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.support.ui.Select;

/**
 * The dashboard end to end in headless Chromium: the control API runs in-process on a random port with the local
 * deployer {@code ./ingest up} uses, against the bundled sandbox API. Through the wizard a pipeline is created
 * (with inline validation errors on the way), deployed and run; the pipeline page shows per-endpoint row counts;
 * pause and resume work; a wrong credential brings up the auth-failure banner naming it, and fixing it through
 * the banner's form makes the next run succeed. Screenshots of every page go to target/screenshots/.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class DashboardITCase {
  static final String API_TOKEN = "dashboard-itcase-token-0123456789";
  static final String SANDBOX_TOKEN = "sbx_dashboard_token";
  static final Path SCREENSHOTS = Path.of("target", "screenshots");
  static final Duration RUN_TIMEOUT = Duration.ofSeconds(90);

  @TempDir Path dir;
  final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @BeforeAll
  static void requireChromium() {
    Browser.require();
  }

  @Test
  void createRunBreakAndFixAPipelineThroughTheDashboard() throws Exception {
    IngestHome home = new IngestHome(dir.resolve("home"));
    // the sandbox listens on loopback, which the network policy refuses unless the operator allows it
    Files.createDirectories(home.root());
    Files.writeString(home.configFile(), "network: {allowed_hosts: [\"127.0.0.1\"]}\n");
    try (SandboxApi sandbox = SandboxApi.builder().port(0).requireBearerToken(SANDBOX_TOKEN)
            .datasetSize(SandboxApi.TICKETS, 230).datasetSize(SandboxApi.CONTACTS, 1_150).build().start();
        Database database = Database.open(StoreConfig.embedded(dir.resolve("db")));
        LocalRunDeployer deployer = new LocalRunDeployer(home,
            new LocalFileSecretStoreProvider(home.secretsFile().toString()), Clock.systemUTC());
        ControlApi api = ControlApi.builder().home(home).database(database).deployer(deployer)
            .addresses(AddressPolicy.strict().allowingBaseUrl(sandbox.baseUrl()))
            .secrets(new LocalFileSecretStore(home.secretsFile())).token(ApiToken.of(API_TOKEN))
            .syncInterval(Duration.ofSeconds(2)).build().start("127.0.0.1", 0);
        Browser browser = new Browser(dir.resolve("chromium"), SCREENSHOTS, Duration.ofSeconds(20))) {
      String base = "http://127.0.0.1:" + api.port();
      String tickets = number(sandbox.size(SandboxApi.TICKETS));
      String contacts = number(sandbox.size(SandboxApi.CONTACTS));

      // sign in: / redirects to the dashboard, which asks for the token once
      browser.open(base + "/");
      browser.type("#api-token", "not-the-token-at-all");
      browser.click("form button[type=submit]");
      assertThat(browser.waitForText("#api-token-error", "rejected")).contains("rejected this token");
      browser.screenshot("01-sign-in");
      browser.type("#api-token", API_TOKEN);
      browser.click("form button[type=submit]");
      browser.waitForText("main h1", "Pipelines");
      assertThat(browser.text("main")).contains("No pipelines yet");

      // the wizard: client-side and server-side problems are shown next to their fields
      browser.click(".page-head a[href='#/new']");
      browser.type("#pipeline-name", "Support Desk");
      browser.click("#wizard-next");
      assertThat(browser.waitForText("#pipeline-name-error", "lower-case")).isNotBlank();
      browser.type("#pipeline-name", "support");
      // a connector with several auth methods offers a choice, and the credential form follows it
      browser.click("#connector-jira");
      browser.click("#wizard-next");
      assertThat(browser.present("#credential-api_token")).isTrue();
      new Select(browser.find("#auth-method")).selectByValue("oauth2");
      assertThat(browser.present("#credential-refresh_token")).isTrue();
      assertThat(browser.present("#credential-api_token")).isFalse();
      browser.screenshot("02-wizard-auth-method");
      browser.click("#wizard-back");
      browser.click("#connector-sandbox");
      browser.screenshot("02-wizard-connector");
      browser.click("#wizard-next");
      browser.type("#config-base_url", sandbox.baseUrl());
      browser.type("#credential-token", SANDBOX_TOKEN);
      assertThat(browser.text("#secret-name")).isEqualTo("support-credentials");
      browser.screenshot("03-wizard-connection");
      browser.click("#wizard-next");
      browser.click("#wizard-next");
      assertThat(browser.waitForText("#endpoint-tickets-error", "at least one")).isNotBlank();
      browser.click("#endpoint-tickets");
      browser.click("#endpoint-contacts");
      // the sandbox's endpoints are not incremental: each run replaces their tables (full refresh, the default)
      assertThat(new Select(browser.find("#write-mode-tickets")).getFirstSelectedOption().getAttribute("value"))
          .isEqualTo("full_refresh");
      browser.click("#wizard-next");
      browser.waitForText("[data-endpoint=contacts] .test-verdict", "OK"); // test connection
      browser.click("#wizard-next");
      browser.click("#wizard-next"); // destination: the local warehouse
      browser.type("#schedule", "61 * * * *");
      assertThat(browser.waitForText("#schedule-error", "61")).isNotBlank();
      browser.click("#wizard-next"); // on to the review anyway
      browser.waitForText("#review-schedule", "61 * * * *");
      browser.click("#wizard-next"); // submitted anyway: the API's 422 comes back to the same field
      assertThat(browser.waitForText("#wizard-errors", "schedule")).contains("schedule");
      assertThat(browser.find("#schedule").getAttribute("aria-invalid")).isEqualTo("true");
      browser.screenshot("04-wizard-invalid-schedule");
      browser.type("#schedule", "0 0 1 1 *");
      assertThat(browser.waitForText("#schedule-preview", "Runs")).containsIgnoringCase("january");
      browser.screenshot("05-wizard-schedule");
      browser.click("#wizard-next");
      browser.waitForText("#review-schedule", "0 0 1 1 *");
      browser.click("#wizard-next");

      // the pipeline page: run now, then per-endpoint row counts, last run and table totals
      browser.until(d -> d.getCurrentUrl().endsWith("#/pipelines/support") ? true : null, "the pipeline page");
      browser.waitForText("main h1", "support");
      browser.waitForText("#status", "created and deployed");
      browser.click("#run-now");
      browser.waitForText("#status", "Run requested");
      browser.waitForText("#health", "Healthy", RUN_TIMEOUT);
      browser.waitForText("[data-endpoint=tickets] [data-cell=last-rows]", tickets);
      browser.waitForText("[data-endpoint=tickets] [data-cell=table-rows]", tickets);
      browser.waitForText("[data-endpoint=contacts] [data-cell=last-rows]", contacts);
      browser.waitForText("[data-endpoint=contacts] [data-cell=table-rows]", contacts);
      assertThat(browser.text("#runs tbody tr:first-child [data-cell=status]")).isEqualTo("succeeded");
      assertThat(browser.present("#rows-chart rect.bar")).isTrue();
      browser.screenshot("06-pipeline-healthy");

      // pause and resume
      browser.click("#pause");
      browser.waitForText("#health", "Paused");
      browser.waitForText("#status", "paused");
      assertThat(browser.displayed("#pause")).as("pause offered while paused").isFalse();
      assertThat(browser.displayed("#deploy")).as("deploy offered while deployed").isFalse();
      browser.click("#resume");
      browser.waitForText("#health", "Healthy");

      // the overview: health, rows of the last run, next run
      browser.click(".crumbs a[href='#/']");
      browser.waitForText("tr[data-pipeline=support]", "Healthy");
      browser.waitForText("tr[data-pipeline=support] [data-cell=rows]",
          number(sandbox.size(SandboxApi.TICKETS) + sandbox.size(SandboxApi.CONTACTS)));
      browser.screenshot("07-overview");

      // break the credential, run: the banner names it; fix it through the banner's form: the re-run succeeds
      assertThat(call("PUT", "/api/pipelines/support/credentials", "{\"fields\":{\"token\":\"sbx_wrong\"}}",
          api.port())).isEqualTo(200);
      browser.click("tr[data-pipeline=support] a");
      browser.click("#run-now");
      browser.waitForText("#health", "Auth failed", RUN_TIMEOUT);
      assertThat(browser.text("#failed-credential")).isEqualTo("support-credentials");
      assertThat(browser.text("#last-error-body")).contains("AUTH_FAILED");
      assertThat(browser.text("#runs tbody tr:first-child [data-cell=status]")).startsWith("failed");
      browser.screenshot("08-auth-failed");
      browser.type("#new-credential-token", SANDBOX_TOKEN);
      browser.click("#save-credential");
      browser.waitForText("#status", "re-run of support succeeded", RUN_TIMEOUT);
      browser.waitUntilGone("#auth-banner");
      browser.waitForText("#health", "Healthy");
      assertThat(browser.text("#runs tbody tr:first-child [data-cell=status]")).isEqualTo("succeeded");
      assertThat(browser.text("#runs tbody").lines().count()).isEqualTo(3);
      assertThat(browser.displayed("#resume")).as("resume offered while running").isFalse();
      browser.screenshot("09-credential-fixed");
    }
  }

  private static String number(long n) {
    return String.format(Locale.US, "%,d", n);
  }

  private int call(String method, String path, String body, int port) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .header("Authorization", "Bearer " + API_TOKEN).header("Content-Type", "application/json")
        .method(method, HttpRequest.BodyPublishers.ofString(body)).build();
    return http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode();
  }
}
