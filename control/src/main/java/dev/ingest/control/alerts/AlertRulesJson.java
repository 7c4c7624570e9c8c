package dev.ingest.control.alerts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Alert rules to and from JSON (the API's bodies, the store's text, and the {@code alerts:} section of
 * {@code config.yaml} read as a tree):
 *
 * <pre>
 * { "on": ["run_failed", "auth_failed", "stale"], "stale_after_intervals": 3,
 *   "webhooks": [{"url": "https://hooks.slack.com/services/…", "format": "slack"}, {"id": "1a2b3c4d5e6f"}],
 *   "emails": ["oncall@example.com"], "inherit_global": true }
 * </pre>
 *
 * A webhook given as {@code {"id": …}} keeps an existing one unchanged (the API never shows webhook URLs, so a
 * form can keep one without knowing it). Unknown keys and bad values fail naming the field.
 */
public final class AlertRulesJson {
  static final ObjectMapper MAPPER = new ObjectMapper();
  static final int MAX_CHANNELS = 20;
  private static final Pattern EMAIL = Pattern.compile("[^@\\s,;<>\"]+@[^@\\s,;<>\"]+\\.[^@\\s,;<>\"]+");
  private static final Set<String> RULE_KEYS = Set.of("on", "stale_after_intervals", "webhooks", "emails",
      "inherit_global");

  private AlertRulesJson() {}

  /** Rules from JSON text ({@link #parse(JsonNode, List, Set)} with no kept webhooks). */
  public static AlertRules parse(String json) {
    try {
      return parse(MAPPER.readTree(json), List.of(), Set.of());
    } catch (IOException e) {
      throw new AlertSettingsException("alerts", "not JSON");
    }
  }

  /**
   * Rules from a JSON object; {@code existing} webhooks may be kept by id; keys in {@code alsoAllowed} are
   * skipped (the global section's {@code smtp} and {@code delivery}).
   */
  public static AlertRules parse(JsonNode node, List<Webhook> existing, Set<String> alsoAllowed) {
    if (node == null || node.isNull()) {
      return AlertRules.NONE;
    }
    if (!node.isObject()) {
      throw new AlertSettingsException("alerts", "expected an object");
    }
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (!RULE_KEYS.contains(key) && !alsoAllowed.contains(key)) {
        throw new AlertSettingsException(key, "unknown setting (expected one of on, stale_after_intervals, webhooks, "
            + "emails, inherit_global" + (alsoAllowed.isEmpty() ? "" : ", " + String.join(", ", alsoAllowed)) + ")");
      }
    }
    Set<AlertKind> on = EnumSet.allOf(AlertKind.class);
    if (node.has("on")) {
      on = EnumSet.noneOf(AlertKind.class);
      for (JsonNode k : array(node, "on")) {
        on.add(AlertKind.fromWire("on", text(k, "on")));
      }
    }
    double stale = AlertRules.NONE.staleAfterIntervals();
    if (node.has("stale_after_intervals")) {
      JsonNode s = node.get("stale_after_intervals");
      if (!s.isNumber() && !(s.isTextual() && s.asText().matches("[0-9]+(\\.[0-9]+)?"))) {
        throw new AlertSettingsException("stale_after_intervals", "expected a number greater than 0");
      }
      stale = s.asDouble();
      if (!(stale > 0)) {
        throw new AlertSettingsException("stale_after_intervals", "must be a number greater than 0");
      }
    }
    List<Webhook> hooks = new ArrayList<>();
    int i = 0;
    for (JsonNode h : array(node, "webhooks")) {
      hooks.add(webhook(h, "webhooks[" + i++ + "]", existing));
    }
    List<String> emails = new ArrayList<>();
    i = 0;
    for (JsonNode e : array(node, "emails")) {
      String field = "emails[" + i++ + "]";
      String address = text(e, field).trim();
      if (!EMAIL.matcher(address).matches()) {
        throw new AlertSettingsException(field, "not an e-mail address: '" + address + "'");
      }
      emails.add(address);
    }
    if (hooks.size() + emails.size() > MAX_CHANNELS) {
      throw new AlertSettingsException("webhooks", "at most " + MAX_CHANNELS + " webhooks and e-mail addresses");
    }
    boolean inherit = true;
    if (node.has("inherit_global")) {
      if (!node.get("inherit_global").isBoolean()) {
        throw new AlertSettingsException("inherit_global", "expected true or false");
      }
      inherit = node.get("inherit_global").asBoolean();
    }
    return new AlertRules(on, stale, hooks, emails, inherit);
  }

  /** The rules as the store keeps them: webhook URLs in full. */
  public static String stored(AlertRules rules) {
    ObjectNode node = common(rules);
    ArrayNode hooks = node.putArray("webhooks");
    rules.webhooks().forEach(h -> hooks.addObject().put("url", h.url().toString()).put("format", h.format().wire()));
    try {
      return MAPPER.writeValueAsString(node);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The rules as the API shows them: webhooks by id, label and format, never their URL. */
  public static ObjectNode shown(AlertRules rules) {
    ObjectNode node = common(rules);
    ArrayNode hooks = node.putArray("webhooks");
    rules.webhooks().forEach(h -> hooks.addObject().put("id", h.id()).put("label", h.label())
        .put("format", h.format().wire()));
    return node;
  }

  private static ObjectNode common(AlertRules rules) {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    ArrayNode on = node.putArray("on");
    for (AlertKind k : AlertKind.values()) {
      if (rules.on().contains(k)) {
        on.add(k.wire());
      }
    }
    node.put("stale_after_intervals", rules.staleAfterIntervals());
    ArrayNode emails = node.putArray("emails");
    rules.emails().forEach(emails::add);
    node.put("inherit_global", rules.inheritGlobal());
    return node;
  }

  private static Webhook webhook(JsonNode h, String field, List<Webhook> existing) {
    if (!h.isObject()) {
      throw new AlertSettingsException(field, "expected an object with url and format");
    }
    for (Iterator<String> it = h.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (!Set.of("url", "format", "id", "label").contains(key)) {
        throw new AlertSettingsException(field + "." + key, "unknown setting (expected url, format or id)");
      }
    }
    if (h.has("id") && !h.has("url")) {
      String id = text(h.get("id"), field + ".id");
      return existing.stream().filter(w -> w.id().equals(id)).findFirst().orElseThrow(() ->
          new AlertSettingsException(field + ".id", "no webhook with id " + id + " is configured: give its url"));
    }
    if (!h.has("url")) {
      throw new AlertSettingsException(field + ".url", "required");
    }
    Webhook.Format format = h.has("format")
        ? Webhook.Format.fromWire(field + ".format", text(h.get("format"), field + ".format"))
        : Webhook.Format.JSON;
    return Webhook.parse(field + ".url", text(h.get("url"), field + ".url"), format);
  }

  private static List<JsonNode> array(JsonNode node, String field) {
    JsonNode a = node.get(field);
    if (a == null || a.isNull()) {
      return List.of();
    }
    if (!a.isArray()) {
      throw new AlertSettingsException(field, "expected a list");
    }
    List<JsonNode> out = new ArrayList<>();
    a.forEach(out::add);
    return out;
  }

  private static String text(JsonNode v, String field) {
    if (v == null || !v.isTextual()) {
      throw new AlertSettingsException(field, "expected text");
    }
    return v.asText();
  }
}
