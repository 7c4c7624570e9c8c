package dev.ingest.control.alerts;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Iterator;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How deliveries wait and retry ({@code alerts.delivery} in {@code config.yaml}): every network wait (connect,
 * response, SMTP read and write) is bounded by {@code timeout}; a failed delivery is tried {@code attempts} times
 * in all, {@code backoff} apart, doubling.
 *
 * @param timeout the bound of each network wait, 1 s to 2 min (default 10 s)
 * @param attempts tries per channel, 1 to 10 (default 3)
 * @param backoff the wait before the second try, doubled before each next one, up to 5 min (default 2 s)
 */
public record DeliverySettings(Duration timeout, int attempts, Duration backoff) {
  public static final DeliverySettings DEFAULT = new DeliverySettings(Duration.ofSeconds(10), 3,
      Duration.ofSeconds(2));
  private static final Pattern DURATION = Pattern.compile("([0-9]+)\\s*(ms|s|m)");

  public DeliverySettings {
    if (timeout.compareTo(Duration.ofMillis(100)) < 0 || timeout.compareTo(Duration.ofMinutes(2)) > 0) {
      throw new AlertSettingsException("delivery.timeout", "must be from 100ms to 2m");
    }
    if (attempts < 1 || attempts > 10) {
      throw new AlertSettingsException("delivery.attempts", "must be from 1 to 10");
    }
    if (backoff.isNegative() || backoff.compareTo(Duration.ofMinutes(5)) > 0) {
      throw new AlertSettingsException("delivery.backoff", "must be from 0s to 5m");
    }
  }

  /** The wait before try number {@code attempt} (2, 3, ...): backoff, doubled each time, at most 5 minutes. */
  public Duration backoffBefore(int attempt) {
    long factor = 1L << Math.min(attempt - 2, 16);
    Duration wait = backoff.multipliedBy(factor);
    return wait.compareTo(Duration.ofMinutes(5)) > 0 ? Duration.ofMinutes(5) : wait;
  }

  static DeliverySettings parse(JsonNode node) {
    if (!node.isObject()) {
      throw new AlertSettingsException("delivery", "expected a mapping (timeout, attempts, backoff)");
    }
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (!Set.of("timeout", "attempts", "backoff").contains(key)) {
        throw new AlertSettingsException("delivery." + key, "unknown setting (expected timeout, attempts, backoff)");
      }
    }
    Duration timeout = node.has("timeout") ? duration("delivery.timeout", node.get("timeout")) : DEFAULT.timeout;
    Duration backoff = node.has("backoff") ? duration("delivery.backoff", node.get("backoff")) : DEFAULT.backoff;
    int attempts = DEFAULT.attempts;
    if (node.has("attempts")) {
      if (!node.get("attempts").canConvertToInt() || !node.get("attempts").isIntegralNumber()) {
        throw new AlertSettingsException("delivery.attempts", "expected a whole number");
      }
      attempts = node.get("attempts").asInt();
    }
    return new DeliverySettings(timeout, attempts, backoff);
  }

  private static Duration duration(String field, JsonNode v) {
    Matcher m = DURATION.matcher(v.asText().trim().toLowerCase(Locale.ROOT));
    if (!v.isValueNode() || !m.matches()) {
      throw new AlertSettingsException(field, "expected a duration such as 500ms, 10s or 2m, got '" + v.asText() + "'");
    }
    long n = Long.parseLong(m.group(1));
    return switch (m.group(2)) {
      case "ms" -> Duration.ofMillis(n);
      case "s" -> Duration.ofSeconds(n);
      default -> Duration.ofMinutes(n);
    };
  }
}
