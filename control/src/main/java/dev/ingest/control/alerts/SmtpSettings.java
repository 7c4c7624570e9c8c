package dev.ingest.control.alerts;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The SMTP server alert e-mail goes through ({@code alerts.smtp} in {@code config.yaml}). The password is never
 * in the file: {@code password_secret} names a secret in the secret store whose {@code password} field holds it.
 *
 * @param host the server's host
 * @param port its port (587 with STARTTLS, 465 for SMTPS, 25 plain)
 * @param security {@code starttls} (required), {@code ssl} (SMTPS) or {@code none}
 * @param username the login, empty for a server without authentication
 * @param passwordSecret the secret-store name of the password, empty without authentication
 * @param from the sender address
 */
public record SmtpSettings(String host, int port, String security, Optional<String> username,
    Optional<String> passwordSecret, String from) {
  private static final Set<String> KEYS = Set.of("host", "port", "security", "username", "password_secret", "from");

  public SmtpSettings {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(security, "security");
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(passwordSecret, "passwordSecret");
    Objects.requireNonNull(from, "from");
  }

  /** The settings of {@code alerts.smtp}; bad values fail naming the key. */
  static SmtpSettings parse(JsonNode node) {
    String at = "smtp";
    if (!node.isObject()) {
      throw new AlertSettingsException(at, "expected a mapping (host, port, security, username, password_secret, from)");
    }
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (!KEYS.contains(key)) {
        throw new AlertSettingsException(at + "." + key,
            "unknown setting (expected host, port, security, username, password_secret, from)");
      }
    }
    String host = required(node, "host");
    String security = node.has("security") ? node.get("security").asText() : "starttls";
    if (!Set.of("starttls", "ssl", "none").contains(security)) {
      throw new AlertSettingsException(at + ".security", "expected starttls, ssl or none, got '" + security + "'");
    }
    int port = security.equals("ssl") ? 465 : 587;
    if (node.has("port")) {
      JsonNode p = node.get("port");
      port = p.isNumber() ? p.asInt() : parsePort(p.asText());
      if (port < 1 || port > 65535) {
        throw new AlertSettingsException(at + ".port", "expected a port from 1 to 65535");
      }
    }
    Optional<String> user = optional(node, "username");
    Optional<String> secret = optional(node, "password_secret");
    if (secret.isPresent() && user.isEmpty()) {
      throw new AlertSettingsException(at + ".username", "required with password_secret");
    }
    String from = required(node, "from");
    if (!from.contains("@")) {
      throw new AlertSettingsException(at + ".from", "not an e-mail address: '" + from + "'");
    }
    return new SmtpSettings(host, port, security, user, secret, from);
  }

  private static int parsePort(String text) {
    try {
      return Integer.parseInt(text.trim());
    } catch (NumberFormatException e) {
      throw new AlertSettingsException("smtp.port", "expected a port number, got '" + text + "'");
    }
  }

  private static String required(JsonNode node, String key) {
    return optional(node, key).orElseThrow(() -> new AlertSettingsException("smtp." + key, "required"));
  }

  private static Optional<String> optional(JsonNode node, String key) {
    JsonNode v = node.get(key);
    if (v == null || v.isNull() || v.asText().isBlank()) {
      return Optional.empty();
    }
    if (!v.isValueNode()) {
      throw new AlertSettingsException("smtp." + key, "expected text");
    }
    return Optional.of(v.asText().trim());
  }
}
