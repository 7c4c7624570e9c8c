package dev.ingest.sources.contract.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One request a provider fake received: method, path (without the fake's root), decoded query parameters,
 * headers (lower-case names) and the parsed JSON body ({@link NullNode} when none).
 */
public record FakeRequest(String method, String path, Map<String, List<String>> query, Map<String, String> headers,
    JsonNode body) {

  /** The first value of query parameter {@code name}. */
  public Optional<String> param(String name) {
    List<String> values = query.get(name);
    return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }

  /** The integer query parameter {@code name}, or {@code fallback}. */
  public int intParam(String name, int fallback) {
    return param(name).map(Integer::parseInt).orElse(fallback);
  }

  /** The header {@code name} (case-insensitive). */
  public Optional<String> header(String name) {
    return Optional.ofNullable(headers.get(name.toLowerCase()));
  }

  /** The body text at a dotted path, or empty. */
  public Optional<String> bodyText(String dotted) {
    JsonNode node = body;
    for (String key : dotted.split("\\.")) {
      node = node == null ? null : node.get(key);
    }
    return node == null || node.isNull() ? Optional.empty() : Optional.of(node.asText());
  }
}
