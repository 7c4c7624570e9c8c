package dev.ingest.jobs.spec;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ingest.sources.spec.SpecReader;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads lineage settings into {@link LineageOptions}: a pipeline's {@code lineage} block (keys {@code url},
 * {@code endpoint}, {@code namespace}, {@code api_key_secret}, {@code timeout_ms}; what it leaves out comes from
 * the home's settings) or the home's {@code config.yaml} section with the same keys. {@code enabled: false} in a
 * pipeline turns the home's lineage off for it.
 */
public final class LineageParser {
  static final Set<String> KEYS = Set.of("url", "endpoint", "namespace", "api_key_secret", "timeout_ms", "enabled");
  private static final Pattern SECRET_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._/-]{0,127}");

  private LineageParser() {}

  /** The pipeline's {@code lineage} block over {@code home}; errors go to {@code r} with their field paths. */
  static LineageOptions parse(JsonNode root, SpecReader r, LineageOptions home) {
    Optional<JsonNode> node = r.optionalObject(root, "", "lineage");
    if (node.isEmpty()) {
      return home;
    }
    r.onlyKeys(node.get(), "lineage", KEYS);
    JsonNode enabled = node.get().get("enabled");
    if (enabled != null && !enabled.isBoolean()) {
      r.error("lineage.enabled", "expected true or false, got " + SpecReader.describe(enabled));
    } else if (enabled != null && !enabled.booleanValue()) {
      return LineageOptions.OFF;
    }
    Optional<URI> url = r.optionalString(node.get(), "lineage", "url")
        .flatMap(u -> url(u, "lineage.url", r::error)).or(home::url);
    Optional<String> endpoint = r.optionalString(node.get(), "lineage", "endpoint").or(home::endpoint);
    endpoint.filter(e -> !e.startsWith("/")).ifPresent(e -> r.error("lineage.endpoint", "must start with /"));
    String namespace = r.optionalString(node.get(), "lineage", "namespace").orElse(home.namespace());
    Optional<String> secret = r.optionalString(node.get(), "lineage", "api_key_secret").or(home::apiKeySecret);
    secret.filter(s -> !SECRET_NAME.matcher(s).matches()).ifPresent(s -> r.error("lineage.api_key_secret",
        "expected a secret name (letters, digits, . _ / -), not a key value"));
    int timeout = r.optionalInt(node.get(), "lineage", "timeout_ms", 100, 60_000).orElse(home.timeoutMillis());
    if (url.isEmpty()) {
      r.error("lineage.url", "required: the OpenLineage receiver's URL (or set lineage.url in config.yaml)");
      return LineageOptions.OFF;
    }
    return LineageOptions.of(url, endpoint, namespace, secret, timeout);
  }

  /**
   * The home's {@code lineage:} settings ({@link LineageOptions#OFF} when there is no {@code url}); a bad value fails
   * naming {@code source} and the key.
   */
  public static LineageOptions fromSettings(Map<String, String> settings, String source) {
    for (String key : settings.keySet()) {
      if (!KEYS.contains(key)) {
        throw new IllegalArgumentException(source + ": lineage." + key + ": unknown key; expected one of "
            + KEYS.stream().sorted().toList());
      }
    }
    if ("false".equals(settings.getOrDefault("enabled", "true").toLowerCase(Locale.ROOT))) {
      return LineageOptions.OFF;
    }
    Optional<URI> url = Optional.ofNullable(settings.get("url")).flatMap(u -> url(u, "lineage.url",
        (path, message) -> {
          throw new IllegalArgumentException(source + ": " + path + ": " + message);
        }));
    if (url.isEmpty()) {
      return LineageOptions.OFF;
    }
    int timeout = LineageOptions.DEFAULT_TIMEOUT_MILLIS;
    String timeoutText = settings.get("timeout_ms");
    if (timeoutText != null) {
      try {
        timeout = Integer.parseInt(timeoutText.trim());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(source + ": lineage.timeout_ms: expected milliseconds, got '"
            + timeoutText + "'");
      }
      if (timeout < 100 || timeout > 60_000) {
        throw new IllegalArgumentException(source + ": lineage.timeout_ms: must be between 100 and 60000");
      }
    }
    return LineageOptions.of(url, Optional.ofNullable(settings.get("endpoint")),
        settings.getOrDefault("namespace", LineageOptions.DEFAULT_NAMESPACE),
        Optional.ofNullable(settings.get("api_key_secret")), timeout);
  }

  private interface Errors {
    void error(String path, String message);
  }

  private static Optional<URI> url(String text, String path, Errors errors) {
    try {
      URI uri = new URI(text.trim());
      if (uri.getRawUserInfo() != null) {
        errors.error(path, "must not hold credentials; name a secret in lineage.api_key_secret instead");
        return Optional.empty();
      }
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
        errors.error(path, "expected an http(s) URL, got '" + text + "'");
        return Optional.empty();
      }
      return Optional.of(uri);
    } catch (URISyntaxException e) {
      errors.error(path, "not a URL: " + e.getReason());
      return Optional.empty();
    }
  }
}
