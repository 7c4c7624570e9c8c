package dev.ingest.control.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.ingest.control.alerts.WebhookReceiver;
import dev.ingest.control.api.ApiToken;
import dev.ingest.control.api.ControlApi;
import dev.ingest.control.deploy.localrun.LocalRunDeployer;
import dev.ingest.control.store.Database;
import dev.ingest.control.store.StoreConfig;
import dev.ingest.jobs.IngestHome;
import dev.ingest.sandbox.SandboxApi;
import dev.ingest.sources.net.AddressPolicy;
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
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.support.ui.Select;

/**
 * Alerts configured in the dashboard (headless Chromium): on a pipeline's page a JSON webhook (a JDK HttpServer
 * receiver) and an e-mail recipient (GreenMail as the SMTP server, from config.yaml) are added; a bad webhook URL
 * is refused next to its field. A run with a rejected credential then delivers one alert to each, and the page
 * lists the alert with both deliveries delivered. Screenshots go to target/screenshots/.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class AlertsDashboardITCase {
  static final String API_TOKEN = "alerts-dashboard-token-0123456789";
  static final String SANDBOX_TOKEN = "sbx_alerts_dashboard";
  static final String WRONG_TOKEN = "sbx_wrong_dashboard_5522";
  static final Path SCREENSHOTS = Path.of("target", "screenshots");
  static final ObjectMapper JSON = new ObjectMapper();

  @RegisterExtension
  static final GreenMailExtension MAIL = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
      .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());

  @TempDir Path dir;
  final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @BeforeAll
  static void requireChromium() {
    dev.ingest.testkit.Requirement.require(Browser.available(),
        "headless Chromium and ChromeDriver (" + Browser.CHROMIUM + ", " + Browser.CHROMEDRIVER + ")",
        "apt-get install -y chromium chromium-driver (.ci/run does)");
  }

  @Test
  void alertsConfiguredInTheDashboardAreDeliveredWhenARunFails() throws Exception {
    IngestHome home = new IngestHome(dir.resolve("home"));
    Files.createDirectories(home.root());
    Files.writeString(home.configFile(), "network: {allowed_hosts: [\"127.0.0.1\"]}\n"
        + "alerts:\n  smtp: {host: 127.0.0.1, port: " + MAIL.getSmtp().getPort()
        + ", security: none, from: ingest@localhost}\n  delivery: {timeout: 2s, attempts: 2, backoff: 200ms}\n");
    try (WebhookReceiver receiver = new WebhookReceiver();
        SandboxApi sandbox = SandboxApi.builder().port(0).requireBearerToken(SANDBOX_TOKEN)
            .datasetSize(SandboxApi.TICKETS, 20).build().start();
        Database database = Database.open(StoreConfig.embedded(dir.resolve("db")));
        LocalRunDeployer deployer = new LocalRunDeployer(home,
            new LocalFileSecretStoreProvider(home.secretsFile().toString()), Clock.systemUTC());
        ControlApi api = ControlApi.builder().home(home).database(database).deployer(deployer)
            .addresses(AddressPolicy.strict().allowingHost("127.0.0.1"))
            .secrets(new LocalFileSecretStore(home.secretsFile())).token(ApiToken.of(API_TOKEN))
            .syncInterval(Duration.ofSeconds(1)).build().start("127.0.0.1", 0);
        Browser browser = new Browser(dir.resolve("chromium"), SCREENSHOTS, Duration.ofSeconds(20))) {
      int port = api.port();
      assertThat(call(port, "POST", "/api/pipelines", "{\"name\":\"desk\",\"connector\":\"sandbox\","
          + "\"config\":{\"base_url\":\"" + sandbox.baseUrl() + "\"},\"credentials\":{\"secret\":\"desk-credentials\"},"
          + "\"endpoints\":[\"tickets\"],\"schedule\":\"0 0 1 1 *\"}")).isEqualTo(201);
      assertThat(call(port, "PUT", "/api/pipelines/desk/credentials",
          "{\"fields\":{\"token\":\"" + WRONG_TOKEN + "\"}}")).isEqualTo(200);
      assertThat(call(port, "POST", "/api/pipelines/desk/deploy", "")).isEqualTo(200);

      browser.open("http://127.0.0.1:" + port + "/dashboard/#token=" + API_TOKEN);
      browser.open("http://127.0.0.1:" + port + "/dashboard/#/pipelines/desk");
      if (browser.present("#api-token")) {
        browser.type("#api-token", API_TOKEN);
        browser.click("form button[type=submit]");
      }
      browser.waitForText("main h1", "desk");
      browser.find("#alerts-form");
      assertThat(browser.text("#alerts-recent")).contains("No alerts raised");

      // a URL the network policy refuses is shown next to the field
      browser.type("#alerts-webhook-url", "http://169.254.169.254/latest/meta-data");
      browser.click("#alerts-save");
      assertThat(browser.waitForText("#alerts-webhook-url-error", "webhooks[0].url")).isNotBlank();

      browser.type("#alerts-webhook-url", receiver.url("/hook/desk-secret-path"));
      new Select(browser.find("#alerts-webhook-format")).selectByValue("json");
      browser.type("#alerts-emails", "oncall@example.com");
      browser.click("#alerts-save");
      browser.waitForText("#status", "Alerts of desk saved");
      assertThat(browser.text("#alerts-webhooks")).contains("webhook http://127.0.0.1:").contains("(json, ")
          .doesNotContain("desk-secret-path");
      browser.screenshot("20-alerts-configured");

      browser.click("#run-now");
      browser.waitForText("#health", "Auth failed", Duration.ofSeconds(90));
      await().atMost(Duration.ofSeconds(30)).until(() -> receiver.at("/hook/desk-secret-path").size() == 1
          && MAIL.getReceivedMessages().length == 1);
      browser.waitForText("#alerts [data-cell=event]", "auth failed", Duration.ofSeconds(10));
      browser.until(d -> d.findElements(org.openqa.selenium.By.cssSelector("#alerts [data-status=delivered]"))
          .size() == 2 ? true : null, "both deliveries shown as delivered");
      assertThat(browser.text("#alerts")).contains("email to oncall@example.com").contains("delivered (1 try)");
      browser.screenshot("21-alert-delivered");

      JsonNode payload = JSON.readTree(receiver.at("/hook/desk-secret-path").get(0).body());
      assertThat(payload.get("event").asText()).isEqualTo("auth_failed");
      assertThat(payload.get("pipeline").asText()).isEqualTo("desk");
      assertThat(payload.get("credential").asText()).isEqualTo("desk-credentials");
      assertThat(MAIL.getReceivedMessages()[0].getSubject()).isEqualTo("[ingest] desk: credential rejected");
      assertThat(receiver.at("/hook/desk-secret-path").get(0).body() + MAIL.getReceivedMessages()[0].getContent())
          .doesNotContain(WRONG_TOKEN).doesNotContain(SANDBOX_TOKEN);
      assertThat(receiver.all()).hasSize(1);
    }
  }

  private int call(int port, String method, String path, String body) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .header("Authorization", "Bearer " + API_TOKEN).header("Content-Type", "application/json")
        .method(method, HttpRequest.BodyPublishers.ofString(body)).build();
    return http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode();
  }
}
