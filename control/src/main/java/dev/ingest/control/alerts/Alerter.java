package dev.ingest.control.alerts;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ingest.control.store.AlertStore;
import dev.ingest.control.store.RunStore;
import dev.ingest.jobs.spec.PipelineSpec;
import dev.ingest.sources.http.Redactor;
import dev.ingest.sources.secret.SecretStore;
import java.io.IOException;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The alerts of the control plane: after each run sync, {@link #check} asks {@link AlertDetector} what a
 * deployed pipeline's latest run and last success call for, records each alert once in the store (its key is
 * the dedupe: one alert per failed run, one per stale spell) and hands the new ones to the
 * {@link AlertDispatcher}. Texts pass through a {@link Redactor} holding the pipeline's credential values and the
 * SMTP password, so no payload or stored text carries a secret even if a message upstream did.
 */
public final class Alerter implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Alerter.class);

  private final AlertSettings settings;
  private final AlertStore store;
  private final RunStore runs;
  private final SecretStore secrets;
  private final Clock clock;
  private final AlertDispatcher dispatcher;
  private final HttpClient http;

  public Alerter(AlertSettings settings, AlertStore store, RunStore runs, SecretStore secrets, Clock clock) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.store = Objects.requireNonNull(store, "store");
    this.runs = Objects.requireNonNull(runs, "runs");
    this.secrets = Objects.requireNonNull(secrets, "secrets");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.dispatcher = new AlertDispatcher(store, settings.delivery(), clock);
    this.http = WebhookChannel.client(settings.delivery().timeout());
  }

  /** The installation's settings ({@code config.yaml}). */
  public AlertSettings settings() {
    return settings;
  }

  /** The pipeline's own rules, empty when it has none (then the global rules apply). */
  public Optional<AlertRules> pipelineRules(String pipeline) {
    return store.settings(pipeline).map(AlertRulesJson::parse);
  }

  /** The rules the pipeline's alerts follow: its own merged over the global ones. */
  public AlertRules effectiveRules(String pipeline) {
    return AlertRules.merge(settings.rules(), pipelineRules(pipeline).orElse(null));
  }

  /**
   * Replaces the pipeline's own rules with {@code body} ({@link AlertRulesJson}); webhooks it already has may be
   * kept by id. E-mail recipients need the global SMTP settings. Returns the stored rules.
   */
  public AlertRules putPipelineRules(String pipeline, JsonNode body) {
    return putPipelineRulesChecked(pipeline, body, (field, hook) -> { });
  }

  /**
   * As {@link #putPipelineRules}, with each webhook first passed to {@code check} (field path, webhook), which
   * throws {@link AlertSettingsException} for one the installation does not allow.
   */
  public AlertRules putPipelineRulesChecked(String pipeline, JsonNode body,
      java.util.function.BiConsumer<String, Webhook> check) {
    List<Webhook> existing = pipelineRules(pipeline).map(AlertRules::webhooks).orElse(List.of());
    AlertRules rules = AlertRulesJson.parse(body, existing, Set.of());
    for (int i = 0; i < rules.webhooks().size(); i++) {
      check.accept("webhooks[" + i + "].url", rules.webhooks().get(i));
    }
    if (!rules.emails().isEmpty() && settings.smtp().isEmpty()) {
      throw new AlertSettingsException("emails", "e-mail alerts need an SMTP server: set alerts.smtp in "
          + "config.yaml (docs/operations.md)");
    }
    store.putSettings(pipeline, AlertRulesJson.stored(rules), clock.instant());
    return rules;
  }

  /**
   * Raises and dispatches the alerts a deployed pipeline calls for now; returns the new ones (already raised
   * alerts are not raised again). Never throws for a delivery problem: deliveries run on the dispatcher's thread.
   */
  public List<Alert> check(PipelineSpec spec, Instant deployedAt) {
    AlertRules rules = effectiveRules(spec.name());
    if (!rules.hasChannels()) {
      return List.of();
    }
    AlertDetector.Facts facts = new AlertDetector.Facts(spec.name(), spec.schedule(), spec.credentialsSecret(),
        runs.latestRun(spec.name()), runs.lastSucceeded(spec.name()), deployedAt);
    UnaryOperator<String> redact = redactor(spec)::mask;
    List<Alert> raised = new ArrayList<>();
    List<AlertChannel> channels = channels(rules);
    List<String> labels = channels.stream().map(AlertChannel::label).toList();
    for (Alert alert : AlertDetector.detect(facts, rules, clock.instant(), redact)) {
      if (store.raise(new AlertStore.Raised(alert.pipeline(), alert.key(), alert.kind().wire(), alert.runId(),
          alert.summary(), alert.at()), labels)) {
        LOG.info("Alert {}", alert.summary());
        dispatcher.dispatch(alert, channels, redact);
        raised.add(alert);
      }
    }
    return raised;
  }

  /** Deliveries queued or waiting for a retry. */
  public int pendingDeliveries() {
    return dispatcher.pending();
  }

  private List<AlertChannel> channels(AlertRules rules) {
    List<AlertChannel> out = new ArrayList<>();
    rules.webhooks().forEach(h -> out.add(new WebhookChannel(h, http, settings.delivery().timeout())));
    if (!rules.emails().isEmpty() && settings.smtp().isPresent()) {
      SmtpSettings smtp = settings.smtp().get();
      out.add(new EmailChannel(smtp, rules.emails(), settings.delivery().timeout(), this::smtpPassword));
    }
    return out;
  }

  private Optional<String> smtpPassword() {
    Optional<String> name = settings.smtp().flatMap(SmtpSettings::passwordSecret);
    return name.flatMap(n -> fields(n).map(f -> f.get("password")));
  }

  private Redactor redactor(PipelineSpec spec) {
    List<String> values = new ArrayList<>();
    spec.credentialsSecret().flatMap(this::fields).ifPresent(f -> values.addAll(f.values()));
    smtpPassword().ifPresent(values::add);
    return Redactor.of(values);
  }

  private Optional<Map<String, String>> fields(String secret) {
    try {
      return secrets.read(secret);
    } catch (IOException | RuntimeException e) {
      LOG.warn("Could not read secret {} to redact alert texts: {}", secret, e.getClass().getSimpleName());
      return Optional.empty();
    }
  }

  @Override
  public void close() {
    dispatcher.close();
  }
}
