package dev.ingest.control.alerts;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;

/**
 * A webhook channel: where to POST and in which shape. The URL itself can be a secret (a Slack incoming-webhook
 * URL is one), so outside the store it is only shown as {@link #label()}: scheme, host and port, and an id.
 *
 * @param url the absolute http(s) URL to POST to
 * @param format {@link Format#JSON} (Ingest's own payload) or {@link Format#SLACK} (Slack's incoming webhooks)
 */
public record Webhook(URI url, Format format) {

  /** The body shape a receiver expects. */
  public enum Format {
    /** Ingest's payload: {@code event}, {@code pipeline}, {@code run_id}, ... (docs/operations.md). */
    JSON,
    /** Slack's incoming-webhook body: {@code text} plus a {@code blocks} section (Mattermost, Teams' Slack mode). */
    SLACK;

    static Format fromWire(String field, String wire) {
      return switch (wire.toLowerCase(Locale.ROOT)) {
        case "json" -> JSON;
        case "slack" -> SLACK;
        default -> throw new AlertSettingsException(field, "unknown format '" + wire + "' (expected json or slack)");
      };
    }

    /** {@code json} or {@code slack}. */
    public String wire() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public Webhook {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(format, "format");
  }

  /** A webhook from settings text; a URL that is not absolute http(s) fails naming {@code field}. */
  public static Webhook parse(String field, String url, Format format) {
    URI uri;
    try {
      uri = URI.create(url.trim());
    } catch (IllegalArgumentException e) {
      throw new AlertSettingsException(field, "not a URL");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
      throw new AlertSettingsException(field, "expected an absolute http or https URL");
    }
    if (uri.getUserInfo() != null) {
      throw new AlertSettingsException(field, "must not carry user:password (put a token in the path or query)");
    }
    return new Webhook(uri, format);
  }

  /** A short stable id of the URL (first 12 hex digits of its SHA-256), to refer to it without showing it. */
  public String id() {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(url.toString().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash, 0, 6);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** What may be shown: {@code webhook https://hooks.slack.com/… (slack, 1a2b3c4d5e6f)}; no path, no query. */
  public String label() {
    return "webhook " + url.getScheme() + "://" + url.getHost() + (url.getPort() < 0 ? "" : ":" + url.getPort())
        + "/… (" + format.wire() + ", " + id() + ")";
  }
}
