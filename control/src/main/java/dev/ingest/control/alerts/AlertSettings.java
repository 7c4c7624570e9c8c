package dev.ingest.control.alerts;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ingest.jobs.HomeConfig;
import dev.ingest.jobs.IngestHome;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The installation's alert settings: the {@code alerts:} section of {@code $INGEST_HOME/config.yaml}.
 *
 * <pre>
 * alerts:
 *   on: [run_failed, auth_failed, stale]     # default: all three
 *   stale_after_intervals: 3                 # stale: no successful run within 3 schedule intervals
 *   webhooks:
 *     - {url: "https://hooks.slack.com/services/T0/B0/XXXX", format: slack}
 *     - {url: "https://ops.example.com/ingest-alerts"}              # format: json (the default)
 *   emails: [oncall@example.com]
 *   smtp: {host: smtp.example.com, port: 587, security: starttls, username: ingest,
 *          password_secret: smtp-password, from: ingest@example.com}
 *   delivery: {timeout: 10s, attempts: 3, backoff: 2s}
 * </pre>
 *
 * Pipelines add their own rules through the control API ({@link AlertRules#merge}). Bad settings fail at start-up
 * naming the file and the key.
 *
 * @param rules the global rules
 * @param smtp the SMTP server, empty when e-mail is not configured
 * @param delivery timeouts and retries
 */
public record AlertSettings(AlertRules rules, Optional<SmtpSettings> smtp, DeliverySettings delivery) {
  static final String SECTION = "alerts";
  /** No alerts configured. */
  public static final AlertSettings NONE = new AlertSettings(AlertRules.NONE, Optional.empty(),
      DeliverySettings.DEFAULT);

  public AlertSettings {
    Objects.requireNonNull(rules, "rules");
    Objects.requireNonNull(smtp, "smtp");
    Objects.requireNonNull(delivery, "delivery");
    if (!rules.emails().isEmpty() && smtp.isEmpty()) {
      throw new AlertSettingsException("emails", "e-mail alerts need alerts.smtp (host, from, ...)");
    }
  }

  /** The settings of {@code home}'s {@code config.yaml}; none when it has no {@code alerts:} section. */
  public static AlertSettings load(IngestHome home) {
    JsonNode section = HomeConfig.sectionNode(home.configFile(), SECTION);
    try {
      return parse(section);
    } catch (AlertSettingsException e) {
      throw new IllegalArgumentException(home.configFile() + ": " + SECTION + "." + e.getMessage(), e);
    }
  }

  /** The settings from the section's tree (null: none). */
  public static AlertSettings parse(JsonNode section) {
    if (section == null) {
      return NONE;
    }
    AlertRules rules = AlertRulesJson.parse(section, List.of(), Set.of("smtp", "delivery"));
    Optional<SmtpSettings> smtp = section.has("smtp") ? Optional.of(SmtpSettings.parse(section.get("smtp")))
        : Optional.empty();
    DeliverySettings delivery = section.has("delivery") ? DeliverySettings.parse(section.get("delivery"))
        : DeliverySettings.DEFAULT;
    return new AlertSettings(rules, smtp, delivery);
  }
}
