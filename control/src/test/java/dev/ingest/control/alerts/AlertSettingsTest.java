package dev.ingest.control.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ingest.jobs.IngestHome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AlertSettingsTest {
  @TempDir Path dir;

  AlertSettings load(String yaml) throws Exception {
    IngestHome home = new IngestHome(dir);
    Files.writeString(home.configFile(), yaml);
    return AlertSettings.load(home);
  }

  @Test
  void readsTheAlertsSectionOfConfigYaml() throws Exception {
    AlertSettings s = load("""
        alerts:
          on: [auth_failed, stale]
          stale_after_intervals: 2.5
          webhooks:
            - {url: "https://hooks.slack.com/services/T0/B0/XXXX", format: slack}
            - {url: "https://ops.example.com/hook"}
          emails: [oncall@example.com]
          smtp: {host: smtp.example.com, port: 2525, security: none, username: ingest,
                 password_secret: smtp-password, from: ingest@example.com}
          delivery: {timeout: 5s, attempts: 4, backoff: 500ms}
        """);

    assertThat(s.rules().on()).isEqualTo(EnumSet.of(AlertKind.AUTH_FAILED, AlertKind.STALE));
    assertThat(s.rules().staleAfterIntervals()).isEqualTo(2.5);
    assertThat(s.rules().webhooks()).extracting(w -> w.url().toString(), Webhook::format).containsExactly(
        org.assertj.core.groups.Tuple.tuple("https://hooks.slack.com/services/T0/B0/XXXX", Webhook.Format.SLACK),
        org.assertj.core.groups.Tuple.tuple("https://ops.example.com/hook", Webhook.Format.JSON));
    assertThat(s.rules().emails()).containsExactly("oncall@example.com");
    assertThat(s.smtp()).contains(new SmtpSettings("smtp.example.com", 2525, "none", Optional.of("ingest"),
        Optional.of("smtp-password"), "ingest@example.com"));
    assertThat(s.delivery()).isEqualTo(new DeliverySettings(Duration.ofSeconds(5), 4, Duration.ofMillis(500)));
    assertThat(s.delivery().backoffBefore(3)).isEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void noSectionMeansNoAlerts() throws Exception {
    assertThat(load("network: {allow_private_networks: false}\n")).isEqualTo(AlertSettings.NONE);
  }

  @Test
  void badSettingsNameTheFileAndTheKey() {
    assertThatThrownBy(() -> load("alerts: {webhooks: [{url: \"ftp://x.example.com/\"}]}\n"))
        .hasMessageEndingWith("config.yaml: alerts.webhooks[0].url: expected an absolute http or https URL");
    assertThatThrownBy(() -> load("alerts: {on: [run_failed, exploded]}\n"))
        .hasMessageEndingWith("alerts.on: unknown alert 'exploded' (expected one of run_failed, auth_failed, stale)");
    assertThatThrownBy(() -> load("alerts: {emails: [oncall@example.com]}\n"))
        .hasMessageEndingWith("alerts.emails: e-mail alerts need alerts.smtp (host, from, ...)");
    assertThatThrownBy(() -> load("alerts: {smtp: {host: h, from: a@b.co, pasword_secret: x}}\n"))
        .hasMessageEndingWith("alerts.smtp.pasword_secret: unknown setting (expected host, port, security, username, "
            + "password_secret, from)");
    assertThatThrownBy(() -> load("alerts: {stale_after_intervals: 0}\n"))
        .hasMessageEndingWith("alerts.stale_after_intervals: must be a number greater than 0");
    assertThatThrownBy(() -> load("alerts: {delivery: {timeout: forever}}\n"))
        .hasMessageEndingWith("alerts.delivery.timeout: expected a duration such as 500ms, 10s or 2m, got 'forever'");
  }

  @Test
  void pipelineRulesKeepWebhooksByIdAndNeverShowTheirUrl() {
    AlertRules first = AlertRulesJson.parse("{\"webhooks\":[{\"url\":\"https://hooks.slack.com/services/T/B/SECRET\","
        + "\"format\":\"slack\"}],\"emails\":[\"a@example.com\"],\"inherit_global\":false}");
    String id = first.webhooks().get(0).id();
    String shown = AlertRulesJson.shown(first).toString();
    assertThat(shown).doesNotContain("SECRET").contains("webhook https://hooks.slack.com/… (slack, " + id + ")");

    AlertRules kept = AlertRulesJson.parse(AlertRulesJson.shown(first), first.webhooks(), java.util.Set.of());
    assertThat(kept).isEqualTo(first);
    assertThat(AlertRulesJson.parse(AlertRulesJson.stored(first))).isEqualTo(first);

    AlertRules global = new AlertRules(EnumSet.allOf(AlertKind.class), 3, List.of(Webhook.parse("u",
        "https://g.example.com/h", Webhook.Format.JSON)), List.of("g@example.com"), true);
    assertThat(AlertRules.merge(global, first).webhooks()).isEqualTo(first.webhooks());
    AlertRules inheriting = AlertRulesJson.parse("{\"emails\":[\"a@example.com\"]}");
    assertThat(AlertRules.merge(global, inheriting).emails()).containsExactly("g@example.com", "a@example.com");
    assertThat(AlertRules.merge(global, inheriting).webhooks()).isEqualTo(global.webhooks());
  }
}
