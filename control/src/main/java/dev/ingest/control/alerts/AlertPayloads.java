package dev.ingest.control.alerts;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * What each channel receives. Every field comes from the {@link Alert}, whose texts are already redacted; no
 * URL, token or other setting is ever added.
 *
 * <pre>
 * json:  {"event":"auth_failed","pipeline":"support","run_id":"…","endpoint":"tickets","error_class":"AUTH_FAILED",
 *         "message":"…","credential":"support-credentials","at":"2026-12-07T02:00:00Z","summary":"…"}
 * slack: {"text":"summary","blocks":[{"type":"section","text":{"type":"mrkdwn","text":"*Ingest: …*\n…"}}]}
 * </pre>
 */
public final class AlertPayloads {
  private AlertPayloads() {}

  /** Ingest's JSON payload. */
  public static String json(Alert a) {
    ObjectNode node = JsonNodeFactory.instance.objectNode()
        .put("event", a.kind().wire())
        .put("pipeline", a.pipeline())
        .put("run_id", a.runId())
        .put("endpoint", a.endpoint())
        .put("error_class", a.errorClass())
        .put("message", a.message())
        .put("credential", a.credential())
        .put("at", a.at().toString())
        .put("summary", a.summary());
    return write(node);
  }

  /** Slack's incoming-webhook body: a plain {@code text} fallback and one mrkdwn section. */
  public static String slack(Alert a) {
    ObjectNode node = JsonNodeFactory.instance.objectNode().put("text", a.summary());
    ArrayNode blocks = node.putArray("blocks");
    StringBuilder md = new StringBuilder("*Ingest: ").append(escape(a.pipeline())).append(" — ")
        .append(a.kind().title()).append("*\n").append(escape(a.message()));
    if (a.runId() != null) {
      md.append("\nRun `").append(escape(a.runId())).append('`');
      if (a.endpoint() != null) {
        md.append(", endpoint `").append(escape(a.endpoint())).append('`');
      }
      if (a.errorClass() != null) {
        md.append(", ").append(escape(a.errorClass()));
      }
    }
    blocks.addObject().put("type", "section").putObject("text").put("type", "mrkdwn").put("text", md.toString());
    return write(node);
  }

  /** The e-mail subject: {@code [ingest] support: credential rejected}. */
  public static String subject(Alert a) {
    return "[ingest] " + a.pipeline() + ": " + a.kind().title();
  }

  /** The e-mail body, plain text. */
  public static String emailBody(Alert a) {
    StringBuilder s = new StringBuilder(a.summary()).append("\n\n");
    s.append("Pipeline:    ").append(a.pipeline()).append('\n');
    s.append("Event:       ").append(a.kind().wire()).append('\n');
    if (a.runId() != null) {
      s.append("Run:         ").append(a.runId()).append('\n');
    }
    if (a.endpoint() != null) {
      s.append("Endpoint:    ").append(a.endpoint()).append('\n');
    }
    if (a.errorClass() != null) {
      s.append("Error class: ").append(a.errorClass()).append('\n');
    }
    if (a.credential() != null) {
      s.append("Credential:  ").append(a.credential()).append('\n');
    }
    s.append("At:          ").append(a.at()).append("\n\n").append(a.message()).append('\n');
    return s.toString();
  }

  /** Slack's mrkdwn control characters as its docs ask: &amp;, &lt;, &gt;. */
  private static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  private static String write(ObjectNode node) {
    try {
      return AlertRulesJson.MAPPER.writeValueAsString(node);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
