package dev.ingest.sandbox;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Serves every sandbox request, in this order: answer {@code POST /oauth/token} when OAuth is on; count it; reset
 * it if it replays a reset request; wait the configured latency; route by path (404); accept the route's method
 * (405); check the bearer token (401); take a rate-limit token (429); apply the next fault, if any; render the resource's page (400 on malformed parameters); decorate it (rate headers, truncation);
 * send it. Never logs requests or their headers.
 */
final class SandboxHandler implements HttpHandler {
  private static final System.Logger LOG = System.getLogger(SandboxHandler.class.getName());
  private static final String BEARER = "Bearer ";

  private final List<ResourceEndpoint> endpoints;
  private final FaultPlan faults;
  private final RequestCounters counters;
  private final ResetReplays replays = new ResetReplays();
  private final Duration latency;
  private final byte[] token;
  private final Clock clock;
  private final String fallbackOrigin;
  private final SandboxOAuth oauth;
  private final SandboxRateLimit rateLimit;

  SandboxHandler(List<ResourceEndpoint> endpoints, FaultPlan faults, RequestCounters counters, Duration latency,
      String token, Clock clock, String fallbackOrigin, SandboxOAuth oauth, SandboxRateLimit rateLimit) {
    this.oauth = oauth;
    this.rateLimit = rateLimit;
    this.endpoints = List.copyOf(endpoints);
    this.faults = faults;
    this.counters = counters;
    this.latency = latency;
    this.token = token == null ? null : token.getBytes(StandardCharsets.UTF_8);
    this.clock = clock;
    this.fallbackOrigin = fallbackOrigin;
  }

  @Override
  public void handle(HttpExchange exchange) {
    counters.opened();
    try {
      SandboxRequest request = new SandboxRequest(exchange, fallbackOrigin);
      if (oauth != null && SandboxOAuth.PATH.equals(request.path())) {
        counters.record(null);
        oauth.token(request).send(exchange, false);
        return;
      }
      ResourceEndpoint endpoint = route(request.path());
      counters.record(endpoint == null ? null : endpoint.resource());
      if (replays.consume(request.replayKey())) {
        return; // the finally block closes the exchange before any header: a connection reset
      }
      pause(latency);
      SandboxResponse response = endpoint == null ? notFound(request) : serve(exchange, request, endpoint);
      if (response != null) {
        response.send(exchange, request.acceptsGzip());
      }
    } catch (IOException e) {
      LOG.log(System.Logger.Level.DEBUG, "sandbox client went away: {0}", e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, "sandbox handler failed", e);
      sendQuietly(exchange, internalError());
    } finally {
      counters.closed();
      exchange.close();
    }
  }

  /** The response for a routed request, or null when the connection is to be reset. */
  private SandboxResponse serve(HttpExchange exchange, SandboxRequest request, ResourceEndpoint endpoint)
      throws InterruptedException {
    String allowed = endpoint.method(request.path());
    if (!allowed.equals(request.method())) {
      return endpoint.error(405, "Method " + request.method() + " not allowed").header("Allow", allowed);
    }
    if (!authorized(exchange)) {
      return endpoint.error(401, "Unauthorized").header("WWW-Authenticate", "Bearer realm=\"sandbox\"");
    }
    if (rateLimit != null && !rateLimit.tryTake()) {
      return rateLimit.decorate(endpoint.error(429, "Rate limit exceeded"))
          .header("Retry-After", Long.toString(rateLimit.retryAfterSeconds()));
    }
    SandboxResponse served = serveAdmitted(request, endpoint);
    return served == null || rateLimit == null ? served : rateLimit.decorate(served);
  }

  /** The response of a request past auth and rate limiting: faults first, then the resource's page. */
  private SandboxResponse serveAdmitted(SandboxRequest request, ResourceEndpoint endpoint)
      throws InterruptedException {
    Fault fault = faults.take(endpoint.resource(), request.lane()).orElse(null);
    if (fault != null) {
      switch (fault.kind()) {
        case STATUS -> {
          return withRateHeaders(statusResponse(endpoint, fault), fault);
        }
        case RESET -> {
          replays.arm(request.replayKey());
          return null;
        }
        case DELAY -> pause(fault.delayDuration());
        default -> { }
      }
    }
    SandboxResponse response;
    try {
      response = endpoint.page(request, PageVariant.of(fault));
    } catch (BadRequestException e) {
      return endpoint.error(400, e.getMessage());
    }
    if (fault != null && fault.kind() == Fault.Kind.TRUNCATE) {
      response = response.truncated();
    }
    return fault == null ? response : withRateHeaders(response, fault);
  }

  private ResourceEndpoint route(String path) {
    for (ResourceEndpoint endpoint : endpoints) {
      if (endpoint.handles(path)) {
        return endpoint;
      }
    }
    return null;
  }

  private boolean authorized(HttpExchange exchange) {
    if (token == null && oauth == null) {
      return true;
    }
    String header = exchange.getRequestHeaders().getFirst("Authorization");
    if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      return false;
    }
    String bearer = header.substring(BEARER.length()).trim();
    if (oauth != null && oauth.accepts(bearer)) {
      return true;
    }
    return token != null && MessageDigest.isEqual(bearer.getBytes(StandardCharsets.UTF_8), token);
  }

  private static SandboxResponse statusResponse(ResourceEndpoint endpoint, Fault fault) {
    int status = fault.statusCode();
    SandboxResponse response = fault.html()
        ? SandboxResponse.htmlError(status)
        : endpoint.error(status, SandboxResponse.reason(status));
    return fault.hasRetryAfter() ? response.header("Retry-After", Long.toString(fault.retryAfter())) : response;
  }

  private SandboxResponse withRateHeaders(SandboxResponse response, Fault fault) {
    if (!fault.hasRateHeaders()) {
      return response;
    }
    long reset = clock.instant().getEpochSecond() + fault.rateResetSeconds();
    return response
        .header("X-RateLimit-Limit", Integer.toString(Math.max(5000, fault.rateRemaining())))
        .header("X-RateLimit-Remaining", Integer.toString(fault.rateRemaining()))
        .header("X-RateLimit-Reset", Long.toString(reset));
  }

  private static SandboxResponse notFound(SandboxRequest request) {
    return SandboxResponse.json(404, Json.bytes(json -> {
      json.writeStartObject();
      json.writeStringField("error", "not_found");
      json.writeStringField("message", "No sandbox resource at " + request.path());
      json.writeNumberField("status", 404);
      json.writeEndObject();
    }));
  }

  private static SandboxResponse internalError() {
    return SandboxResponse.json(500, Json.bytes(json -> {
      json.writeStartObject();
      json.writeStringField("error", "internal_error");
      json.writeStringField("message", "The sandbox failed to serve this request");
      json.writeNumberField("status", 500);
      json.writeEndObject();
    }));
  }

  private static void sendQuietly(HttpExchange exchange, SandboxResponse response) {
    try {
      response.send(exchange, false);
    } catch (IOException | RuntimeException e) {
      LOG.log(System.Logger.Level.DEBUG, "cannot send sandbox error: {0}", e.toString());
    }
  }

  private static void pause(Duration duration) throws InterruptedException {
    if (!duration.isZero()) {
      Thread.sleep(duration.toMillis(), duration.toNanosPart() % 1_000_000);
    }
  }
}
