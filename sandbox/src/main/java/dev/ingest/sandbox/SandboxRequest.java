package dev.ingest.sandbox;

import com.sun.net.httpserver.HttpExchange;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The parts of an incoming request the endpoints read: method, path, query parameters (parsed on first use, so
 * a malformed query is reported only when a parameter is needed) and the origin for absolute next links. Never
 * holds or prints request headers other than {@code Host}, {@code Accept-Encoding} and the fault lane.
 */
final class SandboxRequest {
  private static final String[] SINCE_PARAMS = {"updated_since", "since"};

  private final String method;
  private final String path;
  private final String rawQuery;
  private final String origin;
  private final boolean acceptsGzip;
  private final String body;
  private final String authorization;
  private final String lane;
  private Map<String, String> params;

  SandboxRequest(HttpExchange exchange, String fallbackOrigin) {
    this.method = exchange.getRequestMethod();
    this.path = exchange.getRequestURI().getRawPath();
    this.rawQuery = exchange.getRequestURI().getRawQuery();
    String host = exchange.getRequestHeaders().getFirst("Host");
    this.origin = host == null || host.isBlank() ? fallbackOrigin : "http://" + host;
    String encoding = exchange.getRequestHeaders().getFirst("Accept-Encoding");
    this.acceptsGzip = encoding != null && encoding.toLowerCase(Locale.ROOT).contains("gzip");
    this.authorization = exchange.getRequestHeaders().getFirst("Authorization");
    this.lane = exchange.getRequestHeaders().getFirst(FaultPlan.LANE_HEADER);
    this.body = "POST".equals(method) ? readBody(exchange) : "";
  }

  private static String readBody(HttpExchange exchange) {
    try {
      return new String(exchange.getRequestBody().readNBytes(1 << 20), StandardCharsets.UTF_8);
    } catch (java.io.IOException e) {
      return "";
    }
  }

  /** The request body as text ({@code POST} only; empty otherwise). */
  String body() {
    return body;
  }

  /** The {@code Authorization} header, if sent. */
  Optional<String> authorization() {
    return Optional.ofNullable(authorization);
  }

  /** The fault lane the client named ({@link FaultPlan#LANE_HEADER}), or null. */
  String lane() {
    return lane;
  }

  String method() {
    return method;
  }

  String path() {
    return path;
  }

  /** Scheme, host and port as the client addressed us, e.g. {@code http://127.0.0.1:8089}. */
  String origin() {
    return origin;
  }

  boolean acceptsGzip() {
    return acceptsGzip;
  }

  /** Identifies a replay of this exact request: method, path and query. */
  String replayKey() {
    return method + ' ' + path + (rawQuery == null ? "" : '?' + rawQuery) + (body.isEmpty() ? "" : ' ' + body);
  }

  Optional<String> param(String name) throws BadRequestException {
    return Optional.ofNullable(params().get(name));
  }

  /** An integer parameter, {@code fallback} when absent; 400 when not an integer or below {@code min}. */
  int intParam(String name, int fallback, int min) throws BadRequestException {
    Optional<String> raw = param(name);
    if (raw.isEmpty()) {
      return fallback;
    }
    try {
      int value = Integer.parseInt(raw.get().trim());
      if (value >= min) {
        return value;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new BadRequestException("Invalid " + name + " '" + raw.get() + "': must be an integer >= " + min);
  }

  /** The {@code updated_since} (or {@code since}) filter: ISO-8601 instant/offset date-time or epoch seconds. */
  Optional<Instant> since() throws BadRequestException {
    for (String name : SINCE_PARAMS) {
      Optional<String> raw = param(name);
      if (raw.isPresent()) {
        return Optional.of(parseInstant(name, raw.get().trim()));
      }
    }
    return Optional.empty();
  }

  /** {@code &name=value} for the filters present, to carry them into next links. */
  String carriedFilters() throws BadRequestException {
    StringBuilder out = new StringBuilder();
    for (String name : SINCE_PARAMS) {
      Optional<String> raw = param(name);
      if (raw.isPresent()) {
        out.append('&').append(name).append('=').append(URLEncoder.encode(raw.get(), StandardCharsets.UTF_8));
      }
    }
    return out.toString();
  }

  private static Instant parseInstant(String name, String raw) throws BadRequestException {
    try {
      if (!raw.isEmpty() && raw.chars().allMatch(Character::isDigit)) {
        return Instant.ofEpochSecond(Long.parseLong(raw));
      }
      return OffsetDateTime.parse(raw).toInstant();
    } catch (DateTimeParseException | NumberFormatException e) {
      throw new BadRequestException("Invalid " + name + " '" + raw + "': expected an ISO-8601 date-time");
    }
  }

  /**
   * Query parameters; for a {@code POST} with a JSON object body (a search), its top-level scalar fields too, so
   * {@code {"limit": 100, "after": "…"}} pages exactly like {@code ?limit=100&after=…}.
   */
  private Map<String, String> params() throws BadRequestException {
    if (params == null) {
      params = parse(rawQuery);
      if (!body.isEmpty() && body.strip().startsWith("{")) {
        try {
          Json.MAPPER.readTree(body).fields().forEachRemaining(e -> {
            if (e.getValue().isValueNode() && !e.getValue().isNull()) {
              params.putIfAbsent(e.getKey(), e.getValue().asText());
            }
          });
        } catch (java.io.IOException e) {
          throw new BadRequestException("Malformed JSON body");
        }
      }
    }
    return params;
  }

  private static Map<String, String> parse(String rawQuery) throws BadRequestException {
    Map<String, String> out = new HashMap<>();
    if (rawQuery == null || rawQuery.isEmpty()) {
      return out;
    }
    for (String pair : rawQuery.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      try {
        String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
        String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
        out.putIfAbsent(name, value);
      } catch (IllegalArgumentException e) {
        throw new BadRequestException("Malformed query string");
      }
    }
    return out;
  }
}
