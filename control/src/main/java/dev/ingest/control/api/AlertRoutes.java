package dev.ingest.control.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ingest.control.alerts.AlertRules;
import dev.ingest.control.alerts.AlertRulesJson;
import dev.ingest.control.alerts.AlertSettingsException;
import dev.ingest.control.alerts.Alerter;
import dev.ingest.control.alerts.Webhook;
import dev.ingest.control.store.AlertStore;
import dev.ingest.sources.net.AddressPolicy;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * Alert settings per pipeline and the alerts raised, with each channel's delivery:
 * {@code GET|PUT /api/pipelines/{name}/alerts} and {@code GET /api/alerts}. Webhook URLs are never returned
 * (a Slack URL is a secret): webhooks are shown by id and label and kept by id on a PUT. A pipeline's webhook
 * must pass the installation's network policy, like a connector's base URL.
 */
final class AlertRoutes {
  static final int DEFAULT_LIMIT = 50;
  static final int MAX_LIMIT = 500;

  private final Alerter alerter;
  private final AlertStore store;
  private final PipelineService pipelines;
  private final AddressPolicy addresses;

  AlertRoutes(Alerter alerter, AlertStore store, PipelineService pipelines, AddressPolicy addresses) {
    this.alerter = alerter;
    this.store = store;
    this.pipelines = pipelines;
    this.addresses = addresses;
  }

  void register(RouteTable routes) {
    routes.get("/api/alerts", this::list);
    routes.get("/api/pipelines/{name}/alerts", this::get);
    routes.put("/api/pipelines/{name}/alerts", this::put);
  }

  private void get(Context ctx) {
    String name = pipelines.get(ctx.pathParam("name")).name();
    Json.respond(ctx, 200, settings(name));
  }

  private void put(Context ctx) {
    String name = pipelines.get(ctx.pathParam("name")).name();
    JsonNode body;
    try {
      body = Json.MAPPER.readTree(ctx.bodyAsBytes());
    } catch (IOException e) {
      body = null;
    }
    if (body == null || !body.isObject()) {
      throw ApiException.badRequest("", "request body must be a JSON object of alert settings (docs/control-api.md)");
    }
    AlertRules rules;
    try {
      rules = alerter.putPipelineRulesChecked(name, body, this::checkAddress);
    } catch (AlertSettingsException e) {
      throw ApiException.invalid("alert settings", List.of(new FieldProblem(e.field(), e.problem())));
    }
    Json.respond(ctx, 200, settings(name).put("saved", rules.webhooks().size() + rules.emails().size()));
  }

  private void checkAddress(String field, Webhook hook) {
    Optional<String> problem = addresses.problem(hook.url().toString());
    if (problem.isPresent()) {
      throw new AlertSettingsException(field, problem.get());
    }
  }

  private ObjectNode settings(String name) {
    ObjectNode node = Json.object().put("pipeline", name);
    Optional<AlertRules> own = alerter.pipelineRules(name);
    node.set("own", own.<JsonNode>map(AlertRulesJson::shown).orElse(null));
    node.set("global", AlertRulesJson.shown(alerter.settings().rules()));
    node.set("effective", AlertRulesJson.shown(alerter.effectiveRules(name)));
    node.put("email_available", alerter.settings().smtp().isPresent());
    return node;
  }

  private void list(Context ctx) {
    Optional<String> pipeline = Optional.ofNullable(ctx.queryParam("pipeline")).filter(p -> !p.isBlank());
    pipeline.ifPresent(pipelines::get);
    int limit = limit(ctx.queryParam("limit"));
    ArrayNode alerts = Json.array();
    for (AlertStore.Raised a : store.recent(pipeline, limit)) {
      ObjectNode node = alerts.addObject().put("pipeline", a.pipeline()).put("key", a.key()).put("event", a.kind())
          .put("run_id", a.runId()).put("summary", a.summary()).put("raised_at", a.raisedAt().toString());
      ArrayNode deliveries = node.putArray("deliveries");
      for (AlertStore.Delivery d : store.deliveries(a.pipeline(), a.key())) {
        deliveries.addObject().put("channel", d.channel()).put("status", d.status()).put("attempts", d.attempts())
            .put("last_error", d.lastError()).put("updated_at", d.updatedAt().toString());
      }
    }
    Json.respond(ctx, 200, Json.object().set("alerts", alerts));
  }

  private static int limit(String text) {
    if (text == null) {
      return DEFAULT_LIMIT;
    }
    try {
      int n = Integer.parseInt(text);
      if (n >= 1 && n <= MAX_LIMIT) {
        return n;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw ApiException.badRequest("limit", "limit must be a whole number from 1 to " + MAX_LIMIT);
  }
}
