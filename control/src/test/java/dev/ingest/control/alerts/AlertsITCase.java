package dev.ingest.control.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
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
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Alerts end to end: the control API in-process with the local-runs deployer, the bundled sandbox API, a real
 * SMTP server (GreenMail) and a real webhook receiver (the JDK's HttpServer). A global Slack webhook and the SMTP
 * server come from config.yaml; a pipeline adds a JSON webhook, an e-mail recipient and a webhook that always
 * answers 500 through the API. A run with a rejected credential then sends exactly one alert per channel, with
 * the exact payloads and no secret in any; further syncs send nothing more (dedupe in the store); the failing
 * webhook is tried the configured number of times and its failure is visible in {@code GET /api/alerts}; moving
 * the clock past the staleness threshold sends one stale alert.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class AlertsITCase {
  static final String API_TOKEN = "alerts-itcase-token-0123456789";
  static final String SANDBOX_TOKEN = "sbx_alerts_right_token";
  static final String WRONG_TOKEN = "sbx_wrong_secret_4411";
  static final String SMTP_PASSWORD = "smtp-pass-9f8e7d6c";
  static final Instant T0 = Instant.parse("2026-12-07T02:00:00Z");
  static final ObjectMapper JSON = new ObjectMapper();

  @RegisterExtension
  static final GreenMailExtension MAIL = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
      .withConfiguration(GreenMailConfiguration.aConfig().withUser("ingest@localhost", "alerts", SMTP_PASSWORD));

  @TempDir Path dir;
  final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();

  @Test
  void failingRunAlertsEveryChannelOnceWithoutSecretsAndStalenessAlertsOnce() throws Exception {
    IngestHome home = new IngestHome(dir.resolve("home"));
    Files.createDirectories(home.root());
    MutableClock clock = new MutableClock(T0);
    try (WebhookReceiver receiver = new WebhookReceiver();
        SandboxApi sandbox = SandboxApi.builder().port(0).requireBearerToken(SANDBOX_TOKEN)
            .datasetSize(SandboxApi.TICKETS, 30).build().start()) {
      Files.writeString(home.configFile(), "network: {allowed_hosts: [\"127.0.0.1\"]}\n"
          + "alerts:\n"
          + "  webhooks: [{url: \"" + receiver.url("/slack/T0/B0/slack-secret-path") + "\", format: slack}]\n"
          + "  smtp: {host: 127.0.0.1, port: " + MAIL.getSmtp().getPort() + ", security: none, username: alerts,\n"
          + "         password_secret: smtp-password, from: ingest@localhost}\n"
          + "  delivery: {timeout: 2s, attempts: 2, backoff: 200ms}\n");
      LocalFileSecretStore secrets = new LocalFileSecretStore(home.secretsFile());
      secrets.write("smtp-password", Map.of("password", SMTP_PASSWORD));
      try (Database database = Database.open(StoreConfig.embedded(dir.resolve("db")));
          LocalRunDeployer deployer = new LocalRunDeployer(home,
              new LocalFileSecretStoreProvider(home.secretsFile().toString()), Clock.systemUTC());
          ControlApi api = ControlApi.builder().home(home).database(database).deployer(deployer)
              .addresses(AddressPolicy.strict().allowingHost("127.0.0.1")).secrets(secrets)
              .token(ApiToken.of(API_TOKEN)).clock(clock).syncInterval(Duration.ofMillis(500)).build()
              .start("127.0.0.1", 0)) {
        int port = api.port();
        assertThat(call(port, "POST", "/api/pipelines", "{\"name\":\"support\",\"connector\":\"sandbox\","
            + "\"config\":{\"base_url\":\"" + sandbox.baseUrl() + "\"},"
            + "\"credentials\":{\"secret\":\"support-credentials\"},\"endpoints\":[\"tickets\"],"
            + "\"schedule\":\"0 0 1 1 *\"}").statusCode()).isEqualTo(201);
        assertThat(call(port, "PUT", "/api/pipelines/support/credentials",
            "{\"fields\":{\"token\":\"" + WRONG_TOKEN + "\"}}").statusCode()).isEqualTo(200);

        // a webhook the network policy refuses is rejected naming the field
        HttpResponse<String> refused = call(port, "PUT", "/api/pipelines/support/alerts",
            "{\"webhooks\":[{\"url\":\"http://169.254.169.254/latest\"}]}");
        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(refused.body()).contains("webhooks[0].url");

        HttpResponse<String> saved = call(port, "PUT", "/api/pipelines/support/alerts", "{"
            + "\"webhooks\":[{\"url\":\"" + receiver.url("/json") + "\"},{\"url\":\"" + receiver.url("/fail/hook")
            + "\"}],\"emails\":[\"oncall@example.com\"],\"stale_after_intervals\":0.001}");
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(200);
        JsonNode effective = JSON.readTree(saved.body()).get("effective");
        assertThat(effective.get("webhooks")).hasSize(3);
        assertThat(saved.body()).doesNotContain("slack-secret-path").doesNotContain("/fail/hook");

        assertThat(call(port, "POST", "/api/pipelines/support/deploy", "").statusCode()).isEqualTo(200);
        assertThat(call(port, "POST", "/api/pipelines/support/run", "").statusCode()).isEqualTo(202);

        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250)).until(() ->
            receiver.at("/json").size() == 1 && receiver.at("/slack/T0/B0/slack-secret-path").size() == 1
                && MAIL.getReceivedMessages().length == 1 && receiver.at("/fail/hook").size() == 2
                && failedDeliveries(port) == 1);

        JsonNode run = JSON.readTree(call(port, "GET", "/api/pipelines/support/runs", null).body()).get(0);
        String runId = run.get("run_id").asText();
        assertThat(run.get("error_class").asText()).isEqualTo("AUTH_FAILED");
        String message = run.get("error_message").asText() + " — replace credential 'support-credentials'";
        String summary = "support: credential rejected (run " + runId + ", endpoint tickets, AUTH_FAILED): " + message;

        ObjectNode expected = JSON.createObjectNode().put("event", "auth_failed").put("pipeline", "support")
            .put("run_id", runId).put("endpoint", "tickets").put("error_class", "AUTH_FAILED").put("message", message)
            .put("credential", "support-credentials").put("at", T0.toString()).put("summary", summary);
        assertThat(JSON.readTree(receiver.at("/json").get(0).body())).isEqualTo(expected);
        assertThat(receiver.at("/json").get(0).contentType()).isEqualTo("application/json");
        JsonNode slack = JSON.readTree(receiver.at("/slack/T0/B0/slack-secret-path").get(0).body());
        assertThat(slack.get("text").asText()).isEqualTo(summary);
        assertThat(slack.at("/blocks/0/text/text").asText()).isEqualTo("*Ingest: support — credential rejected*\n"
            + message.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;") + "\nRun `" + runId + "`, endpoint `tickets`, AUTH_FAILED");

        MimeMessage mail = MAIL.getReceivedMessages()[0];
        assertThat(mail.getSubject()).isEqualTo("[ingest] support: credential rejected");
        assertThat(mail.getAllRecipients()).extracting(Object::toString).containsExactly("oncall@example.com");
        assertThat(mail.getFrom()[0].toString()).isEqualTo("ingest@localhost");
        // the mail transfer drops the body's final line break
        String body = mail.getContent().toString().replace("\r\n", "\n").stripTrailing();
        assertThat(body).isEqualTo(summary + "\n\nPipeline:    support\nEvent:       auth_failed\nRun:         "
            + runId + "\nEndpoint:    tickets\nError class: AUTH_FAILED\nCredential:  support-credentials\n"
            + "At:          " + T0 + "\n\n" + message);

        // the failing webhook: tried twice, FAILED with its status; the others DELIVERED at the first try
        JsonNode alerts = JSON.readTree(call(port, "GET", "/api/alerts?pipeline=support", null).body()).get("alerts");
        assertThat(alerts).hasSize(1);
        assertThat(alerts.get(0).get("key").asText()).isEqualTo("auth_failed:" + runId);
        List<String> outcomes = new java.util.ArrayList<>();
        alerts.get(0).get("deliveries").forEach(d -> outcomes.add(d.get("channel").asText().replaceAll(":[0-9]+/", ":P/")
            .replaceAll(", [0-9a-f]{12}\\)", ")") + " " + d.get("status").asText() + " " + d.get("attempts").asInt()
            + " " + d.get("last_error").asText()));
        assertThat(outcomes).containsExactlyInAnyOrder(
            "email to oncall@example.com DELIVERED 1 null",
            "webhook http://127.0.0.1:P/… (json) DELIVERED 1 null",
            "webhook http://127.0.0.1:P/… (json) FAILED 2 webhook answered HTTP 500",
            "webhook http://127.0.0.1:P/… (slack) DELIVERED 1 null");

        // more syncs of the same failed run send nothing more
        Thread.sleep(2_000); // several sync ticks (every 500 ms) must pass for this to mean anything
        assertThat(receiver.at("/json")).hasSize(1);
        assertThat(MAIL.getReceivedMessages()).hasSize(1);

        // 0.001 of a yearly schedule is about 8.8 hours: 9 hours on, one stale alert per channel
        clock.advance(Duration.ofHours(9));
        await().atMost(Duration.ofSeconds(30)).until(() -> receiver.at("/json").size() == 2
            && MAIL.getReceivedMessages().length == 2 && receiver.at("/fail/hook").size() == 4);
        JsonNode stale = JSON.readTree(receiver.at("/json").get(1).body());
        assertThat(stale.get("event").asText()).isEqualTo("stale");
        assertThat(stale.get("message").asText()).startsWith("no run has succeeded since the pipeline was deployed");
        Thread.sleep(1_500);
        assertThat(receiver.at("/json")).hasSize(2);
        assertThat(receiver.at("/slack/T0/B0/slack-secret-path")).hasSize(2);

        // no secret in any payload: not the credential, not the SMTP password, not a webhook URL's path
        StringBuilder everything = new StringBuilder();
        receiver.all().forEach(r -> everything.append(r.body()));
        for (MimeMessage m : MAIL.getReceivedMessages()) {
          everything.append(m.getSubject()).append(m.getContent());
        }
        everything.append(call(port, "GET", "/api/alerts", null).body());
        assertThat(everything.toString()).doesNotContain(WRONG_TOKEN).doesNotContain(SANDBOX_TOKEN)
            .doesNotContain(SMTP_PASSWORD).doesNotContain("slack-secret-path");
      }
    }
  }

  private int failedDeliveries(int port) throws Exception {
    JsonNode alerts = JSON.readTree(call(port, "GET", "/api/alerts", null).body()).get("alerts");
    int failed = 0;
    for (JsonNode a : alerts) {
      for (JsonNode d : a.get("deliveries")) {
        failed += d.get("status").asText().equals("FAILED") ? 1 : 0;
      }
    }
    return failed;
  }

  private HttpResponse<String> call(int port, String method, String path, String body) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + API_TOKEN)
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
