package dev.ingest.control.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ingest.sinks.runs.RunRow;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class AlertDetectorTest {
  static final Instant DEPLOYED = Instant.parse("2026-12-01T00:00:00Z");
  static final Instant NOW = Instant.parse("2026-12-01T00:20:00Z");
  static final AlertRules RULES = new AlertRules(EnumSet.allOf(AlertKind.class), 3.0, List.of(),
      List.of("ops@example.com"), true);
  static final UnaryOperator<String> NO_REDACTION = UnaryOperator.identity();

  static RunRow row(String run, String endpoint, String status, String errorClass, String message) {
    long t = DEPLOYED.plusSeconds(60).toEpochMilli();
    return new RunRow(run, endpoint, t, t, t + 1000, 1000, 1, 1, 0, 10, 0, 0, 0,
        status.equals("SUCCEEDED") ? 0 : 1, status, errorClass, message, null, null, null);
  }

  static AlertDetector.Facts facts(List<RunRow> latest, Optional<Instant> lastSuccess) {
    return new AlertDetector.Facts("support", "*/5 * * * *", Optional.of("support-credentials"), latest,
        lastSuccess, DEPLOYED);
  }

  @Test
  void authFailureRaisesOneAuthAlertNamingTheCredential() {
    List<Alert> alerts = AlertDetector.detect(facts(List.of(
        row("r1", "contacts", "SUCCEEDED", null, null),
        row("r1", "tickets", "FAILED", "AUTH_FAILED", "HTTP 401 from GET /tickets")), Optional.of(NOW)),
        RULES, NOW, NO_REDACTION);

    assertThat(alerts).containsExactly(new Alert(AlertKind.AUTH_FAILED, "support", "auth_failed:r1", "r1", "tickets",
        "AUTH_FAILED", "HTTP 401 from GET /tickets — replace credential 'support-credentials'",
        "support-credentials", NOW));
  }

  @Test
  void otherFailureRaisesRunFailedWithTheFirstFailedEndpoint() {
    List<Alert> alerts = AlertDetector.detect(facts(List.of(
        row("r2", "contacts", "FAILED", "HTTP_5XX", "HTTP 503 after 4 attempts"),
        row("r2", "tickets", "FAILED", "PARSE", "bad JSON")), Optional.of(NOW)), RULES, NOW, NO_REDACTION);

    assertThat(alerts).extracting(Alert::kind, Alert::key, Alert::endpoint, Alert::errorClass, Alert::message)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(AlertKind.RUN_FAILED, "run_failed:r2", "contacts",
            "HTTP_5XX", "HTTP 503 after 4 attempts (2 endpoints failed)"));
  }

  @Test
  void authFailureCountsAsRunFailureWhenAuthAlertsAreOff() {
    AlertRules runOnly = new AlertRules(EnumSet.of(AlertKind.RUN_FAILED), 3.0, List.of(), List.of("a@b.co"), true);
    List<Alert> alerts = AlertDetector.detect(facts(List.of(row("r3", "tickets", "FAILED", "AUTH_FAILED", "401")),
        Optional.of(NOW)), runOnly, NOW, NO_REDACTION);

    assertThat(alerts).extracting(Alert::kind, Alert::key).containsExactly(
        org.assertj.core.groups.Tuple.tuple(AlertKind.RUN_FAILED, "run_failed:r3"));
  }

  @Test
  void succeededRunRaisesNothing() {
    assertThat(AlertDetector.detect(facts(List.of(row("r4", "tickets", "SUCCEEDED", null, null)),
        Optional.of(NOW.minusSeconds(60))), RULES, NOW, NO_REDACTION)).isEmpty();
  }

  @Test
  void staleAfterTheConfiguredMultipleOfTheScheduleInterval() {
    Instant lastSuccess = Instant.parse("2026-12-01T00:05:00Z");
    // every 5 minutes, 3 intervals: stale once more than 15 minutes passed since the last success
    assertThat(AlertDetector.detect(facts(List.of(), Optional.of(lastSuccess)), RULES,
        lastSuccess.plus(Duration.ofMinutes(15)), NO_REDACTION)).isEmpty();
    List<Alert> alerts = AlertDetector.detect(facts(List.of(), Optional.of(lastSuccess)), RULES,
        lastSuccess.plus(Duration.ofMinutes(15)).plusSeconds(1), NO_REDACTION);

    assertThat(alerts).extracting(Alert::kind, Alert::key, Alert::message).containsExactly(
        org.assertj.core.groups.Tuple.tuple(AlertKind.STALE, "stale:" + lastSuccess.toEpochMilli(),
            "the last successful run ended at 2026-12-01T00:05:00Z; expected within 15m "
                + "(3.0 × the schedule interval of 5m)"));
  }

  @Test
  void neverSucceededIsStaleFromTheDeploy() {
    List<Alert> alerts = AlertDetector.detect(facts(List.of(), Optional.empty()), RULES,
        DEPLOYED.plus(Duration.ofMinutes(16)), NO_REDACTION);

    assertThat(alerts).extracting(Alert::key, Alert::message).containsExactly(org.assertj.core.groups.Tuple.tuple(
        "stale:" + DEPLOYED.toEpochMilli(), "no run has succeeded since the pipeline was deployed at "
            + "2026-12-01T00:00:00Z; expected within 15m (3.0 × the schedule interval of 5m)"));
  }

  @Test
  void textsPassThroughTheRedactor() {
    UnaryOperator<String> redact = dev.ingest.sources.http.Redactor.of(List.of("sbx_leaked_value"))::mask;
    List<Alert> alerts = AlertDetector.detect(facts(List.of(row("r5", "tickets", "FAILED", "HTTP_4XX",
        "rejected token sbx_leaked_value")), Optional.of(NOW)), RULES, NOW, redact);

    assertThat(alerts.get(0).message()).isEqualTo("rejected token ***");
    assertThat(AlertPayloads.json(alerts.get(0)) + AlertPayloads.slack(alerts.get(0))
        + AlertPayloads.emailBody(alerts.get(0))).doesNotContain("sbx_leaked_value");
  }
}
