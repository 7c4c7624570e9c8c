package dev.ingest.sources.ratelimit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * Asks the control plane for a lease ({@code POST /api/rate-budgets/{key}/leases}) with a bounded connect and
 * request timeout. The JDK's HTTP client is enough for one small JSON call and keeps the runtime's Apache client
 * (with its per-API settings) out of control-plane traffic.
 */
final class RateLeaseClient {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final RateBudgetSettings settings;
  private final HttpClient http;
  private volatile String token;

  RateLeaseClient(RateBudgetSettings settings) {
    this.settings = settings;
    this.http = HttpClient.newBuilder().connectTimeout(settings.timeout()).build();
  }

  /**
   * Renews (or first takes) {@code holder}'s lease.
   *
   * @param held the share the holder uses now (a control plane that has just restarted honours it)
   * @param pause a pause the holder learned (429 Retry-After, exhausted quota), if any
   * @param learnedLimit the quota a response header stated, if any
   * @param statedPerSecond the rate response headers stated (a quota with its window's length), if any: the
   *     control plane sizes every holder's share by it when it is below the declared limit
   * @throws IOException the control plane is unreachable, too slow, or answered something else than a lease
   */
  RateLease lease(String key, String holder, double declared, double held, Optional<Instant> pause,
      OptionalLong learnedLimit, OptionalDouble statedPerSecond) throws IOException {
    ObjectNode body = MAPPER.createObjectNode().put("holder", holder).put("declared_per_second", declared)
        .put("held_per_second", held);
    pause.ifPresent(p -> body.put("pause_until_ms", p.toEpochMilli()));
    learnedLimit.ifPresent(l -> body.put("learned_limit", l));
    statedPerSecond.ifPresent(r -> body.put("stated_per_second", r));
    HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(stripSlash(settings.controlUrl().toString())
            + "/api/rate-budgets/" + key + "/leases"))
        .timeout(settings.timeout()).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(MAPPER.writeValueAsString(body)));
    if (settings.tokenSecret() != null) {
      builder.header("Authorization", "Bearer " + token());
    }
    HttpRequest request = builder.build();
    HttpResponse<String> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while asking the control plane for a rate lease", e);
    }
    if (response.statusCode() == 401) {
      token = null; // read again at the next renewal: the control plane's API token may have changed
      throw new IOException("control plane refused the rate lease request (401): the lease token in secret '"
          + settings.tokenSecret() + "' is missing or stale");
    }
    if (response.statusCode() != 200) {
      throw new IOException("control plane answered " + response.statusCode() + " to a rate lease request");
    }
    JsonNode node = MAPPER.readTree(response.body());
    if (!node.path("per_second").isNumber() || !node.path("ttl_ms").canConvertToLong()) {
      throw new IOException("control plane's rate lease lacks per_second or ttl_ms");
    }
    long pauseMs = node.path("pause_until_ms").asLong(0);
    return new RateLease(node.get("per_second").asDouble(), Duration.ofMillis(node.get("ttl_ms").asLong()),
        Math.max(1, node.path("holders").asInt(1)),
        pauseMs > 0 ? Optional.of(Instant.ofEpochMilli(pauseMs)) : Optional.empty());
  }

  /** The lease token, read once from the secret store (and again after a 401). */
  private String token() throws IOException {
    String current = token;
    if (current == null) {
      java.util.Map<String, String> fields = settings.secrets().open().read(settings.tokenSecret())
          .orElseThrow(() -> new IOException("no secret '" + settings.tokenSecret()
              + "' with the rate-lease token (the control plane writes it when it starts)"));
      current = fields.get("token");
      if (current == null || current.isBlank()) {
        throw new IOException("secret '" + settings.tokenSecret() + "' has no field 'token'");
      }
      token = current;
    }
    return current;
  }

  private static String stripSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }
}
