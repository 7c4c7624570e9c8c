package dev.ingest.control.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.ingest.control.alerts.WebhookReceiver;
import dev.ingest.sandbox.SandboxApi;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
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
  static final ObjectMapper JSON = new ObjectMapper();

  @RegisterExtension
  static final GreenMailExtension MAIL = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
      .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());

  @TempDir Path dir;

  @BeforeAll
  static void requireChromium() {
    Browser.require();
  }

  @Test
  void alertsConfiguredInTheDashboardAreDeliveredWhenARunFails() throws Exception {
    String alerts = "alerts:\n  smtp: {host: 127.0.0.1, port: " + MAIL.getSmtp().getPort()
        + ", security: none, from: ingest@localhost}\n  delivery: {timeout: 2s, attempts: 2, backoff: 200ms}\n";
    try (WebhookReceiver receiver = new WebhookReceiver();
        DashboardStack stack = new DashboardStack(dir, API_TOKEN, SandboxApi.builder()
            .requireBearerToken(SANDBOX_TOKEN).datasetSize(SandboxApi.TICKETS, 20), alerts)) {
      Browser browser = stack.browser;
      stack.deploySandboxPipeline("desk", WRONG_TOKEN, "\"tickets\"");
      stack.openPipeline("desk");
      browser.find("#alerts-form");
      assertThat(browser.waitForText("#alerts-recent", "No alerts raised")).isNotBlank();

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
      browser.until(d -> d.findElements(By.cssSelector("#alerts [data-status=delivered]")).size() == 2 ? true : null,
          "both deliveries shown as delivered");
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
}
