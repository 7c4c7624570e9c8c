package dev.ingest.sources.contract.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A provider's API on loopback (JDK {@code HttpServer}, port 0), written from the provider's documentation: each
 * subclass reproduces one provider's envelope, pagination, rate-limit headers, auth scheme and error bodies, and
 * holds a small deterministic dataset. Pages are capped at {@link #PAGE_CAP} records whatever the client asks,
 * as a real API may serve fewer than requested, so every paging style walks several pages.
 *
 * <pre>{@code
 * try (StripeFake stripe = new StripeFake().start()) {
 *   ... connector with config stripe.config() and secret stripe.secret() ...
 *   assertThat(fetched).isEqualTo(stripe.expected("customers"));
 * }
 * }</pre>
 */
public abstract class ProviderFake implements AutoCloseable {
  /** The most records a fake serves per page. */
  public static final int PAGE_CAP = 3;
  /** Where every fake serves the token endpoint of its provider's OAuth app alternative (server root). */
  public static final String OAUTH_TOKEN_PATH = "/oauth/token";
  public static final String OAUTH_CLIENT_ID = "contract-oauth-client";
  public static final String OAUTH_CLIENT_SECRET = "contract-oauth-client-secret";
  public static final String OAUTH_REFRESH_TOKEN = "contract-oauth-refresh";
  /** The access token the OAuth endpoint issues (and the one OAuth token methods hold), accepted as Bearer. */
  public static final String OAUTH_ACCESS_TOKEN = "contract-oauth-access";

  static {
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
  }

  private final List<FakeRequest> requests = new CopyOnWriteArrayList<>();
  private final AtomicInteger throttle = new AtomicInteger();
  private HttpServer server;

  /** The connector this fake stands in for. */
  public abstract String connector();

  /** The secret fields the fake accepts. */
  public abstract Map<String, String> secret();

  /** The path prefix of the API under the server root ({@code /api/1.0}); empty for none. */
  protected abstract String root();

  /** Whether {@code request} carries the accepted credential. */
  protected abstract boolean authorized(FakeRequest request);

  /** The provider's answer to a missing or wrong credential. */
  protected abstract FakeResponse unauthorized();

  /** The provider's answer when a client exceeds its rate limit. */
  protected abstract FakeResponse rateLimited();

  /** Answers an authorized API request; null when no route matches (a 404). */
  protected abstract FakeResponse route(FakeRequest request);

  /** Rate-limit headers the provider sends with every successful response. */
  protected Map<String, String> rateHeaders() {
    return Map.of();
  }

  /**
   * The secret of an auth method other than the connector's default ({@code auth_methods} in the definition):
   * the fields of an OAuth app ({@link #OAUTH_CLIENT_ID}, …) or an OAuth access token. The caller keeps the
   * fields the method's credential form declares.
   */
  public Map<String, String> alternativeSecret(String authMethod) {
    return Map.of("client_id", OAUTH_CLIENT_ID, "client_secret", OAUTH_CLIENT_SECRET,
        "refresh_token", OAUTH_REFRESH_TOKEN, "access_token", OAUTH_ACCESS_TOKEN);
  }

  /**
   * The OAuth 2.0 token endpoint of the provider's app alternative, at {@link #OAUTH_TOKEN_PATH}: the refresh-token
   * and client-credentials grants (RFC 6749), client authentication in the form or as HTTP Basic; a 400
   * {@code invalid_grant} / 401 {@code invalid_client} otherwise.
   */
  private FakeResponse oauthToken(FakeRequest request) {
    String[] basicClient = request.header("authorization").filter(h -> h.startsWith("Basic "))
        .map(h -> new String(Base64.getDecoder().decode(h.substring(6)), StandardCharsets.UTF_8).split(":", 2))
        .orElse(new String[] {request.param("client_id").orElse(""), request.param("client_secret").orElse("")});
    if (!OAUTH_CLIENT_ID.equals(basicClient[0]) || basicClient.length < 2 || !OAUTH_CLIENT_SECRET.equals(basicClient[1])) {
      return FakeResponse.of(401, Fakes.obj("error", "invalid_client"));
    }
    String grant = request.param("grant_type").orElse("");
    boolean valid = grant.equals("client_credentials")
        || grant.equals("refresh_token") && request.param("refresh_token").filter(OAUTH_REFRESH_TOKEN::equals).isPresent();
    if (!valid) {
      return FakeResponse.of(400, Fakes.obj("error", "invalid_grant"));
    }
    return FakeResponse.ok(Fakes.obj("access_token", OAUTH_ACCESS_TOKEN, "token_type", "bearer", "expires_in", 3600));
  }

  /** Where the fake serves its OAuth app's token endpoint (the connector's {@code config.oauth_token_url}). */
  public String oauthTokenPath() {
    return OAUTH_TOKEN_PATH;
  }

  /** Whether an API request carries the access token the OAuth endpoint issued, as the provider expects it. */
  protected boolean oauthAuthorized(FakeRequest request) {
    return bearer(request, OAUTH_ACCESS_TOKEN);
  }

  /** Requests outside the API root and its auth (OAuth token endpoints); null when none matches. */
  protected FakeResponse unauthenticatedRoute(FakeRequest request) {
    return null;
  }

  /** Whether {@link #rateLimited()} tells the client to wait (a status and headers the runtime backs off on). */
  public boolean signalsRateLimitWait() {
    return true;
  }

  /** The provider's 404 body. */
  protected FakeResponse notFound(FakeRequest request) {
    return FakeResponse.of(404, Fakes.obj("message", "Not Found"));
  }

  /** Every record the connector's {@code endpoint} should deliver, in the order the provider serves them. */
  public abstract List<JsonNode> expected(String endpoint);

  /**
   * Changes the provider's data the way time would (records of {@code endpoint} updated or created later than
   * any before) and returns the records an incremental run from the last high-water mark must deliver.
   */
  public List<JsonNode> advance(String endpoint) {
    throw new UnsupportedOperationException(connector() + "." + endpoint + " is not incremental");
  }

  /** The connector config pointing at this fake. */
  public Map<String, String> config() {
    return Map.of("base_url", baseUrl());
  }

  /** Starts the server on a free loopback port. */
  @SuppressWarnings("unchecked")
  public <T extends ProviderFake> T start() {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    server.createContext("/", this::serve);
    server.start();
    return (T) this;
  }

  /** The server root, {@code http://127.0.0.1:PORT}. */
  public String serverUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** The API root the connector's base URL points at. */
  public String baseUrl() {
    return serverUrl() + root();
  }

  /** The next {@code n} API requests are answered with {@link #rateLimited()}. */
  public void throttleNext(int n) {
    throttle.set(n);
  }

  /** Every request received, in order. */
  public List<FakeRequest> requests() {
    return List.copyOf(requests);
  }

  @Override
  public void close() {
    if (server != null) {
      server.stop(0);
    }
  }

  private void serve(HttpExchange exchange) throws IOException {
    try (exchange) {
      FakeRequest request = read(exchange);
      requests.add(request);
      FakeResponse response = answer(request);
      byte[] body = response.body().getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
      response.headers().forEach(exchange.getResponseHeaders()::add);
      exchange.sendResponseHeaders(response.status(), body.length == 0 ? -1 : body.length);
      if (body.length > 0) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(body);
        }
      }
    } catch (RuntimeException e) {
      throw new IOException("fake " + connector() + " failed", e);
    }
  }

  private FakeResponse answer(FakeRequest request) {
    FakeResponse open = unauthenticatedRoute(request);
    if (open != null) {
      return open;
    }
    if (request.path().equals(OAUTH_TOKEN_PATH) && request.method().equals("POST")) {
      return oauthToken(request);
    }
    if (!request.path().startsWith(root())) {
      return notFound(request);
    }
    FakeRequest api = new FakeRequest(request.method(), request.path().substring(root().length()), request.query(),
        request.headers(), request.body());
    if (!authorized(api) && !oauthAuthorized(api)) {
      return unauthorized();
    }
    if (throttle.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      return rateLimited();
    }
    FakeResponse response = route(api);
    if (response == null) {
      return notFound(api);
    }
    for (Map.Entry<String, String> header : rateHeaders().entrySet()) {
      response = response.header(header.getKey(), header.getValue());
    }
    return response;
  }

  private static FakeRequest read(HttpExchange exchange) throws IOException {
    Map<String, List<String>> query = new LinkedHashMap<>();
    String raw = exchange.getRequestURI().getRawQuery();
    if (raw != null && !raw.isEmpty()) {
      for (String pair : raw.split("&")) {
        int eq = pair.indexOf('=');
        String key = decode(eq < 0 ? pair : pair.substring(0, eq));
        String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
        query.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
      }
    }
    Map<String, String> headers = new HashMap<>();
    exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), v.get(0)));
    JsonNode body = NullNode.getInstance();
    try (InputStream in = exchange.getRequestBody()) {
      byte[] bytes = in.readAllBytes();
      String contentType = headers.getOrDefault("content-type", "");
      if (bytes.length > 0 && contentType.contains("json")) {
        body = Fakes.parse(new String(bytes, StandardCharsets.UTF_8));
      } else if (bytes.length > 0) {
        query.putAll(form(new String(bytes, StandardCharsets.UTF_8)));
      }
    }
    return new FakeRequest(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(), query, headers, body);
  }

  private static Map<String, List<String>> form(String text) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (String pair : text.split("&")) {
      int eq = pair.indexOf('=');
      out.computeIfAbsent(decode(eq < 0 ? pair : pair.substring(0, eq)), k -> new ArrayList<>())
          .add(eq < 0 ? "" : decode(pair.substring(eq + 1)));
    }
    return out;
  }

  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }

  /** An absolute URL of this API: {@code path} (under the root) with {@code params} in order. */
  protected String url(String path, Map<String, String> params) {
    StringBuilder url = new StringBuilder(baseUrl()).append(path);
    String sep = "?";
    for (Map.Entry<String, String> p : params.entrySet()) {
      url.append(sep).append(java.net.URLEncoder.encode(p.getKey(), StandardCharsets.UTF_8)).append('=')
          .append(java.net.URLEncoder.encode(p.getValue(), StandardCharsets.UTF_8));
      sep = "&";
    }
    return url.toString();
  }

  /** The RFC 8288 {@code Link} value of a next page. */
  protected static String nextLink(String url) {
    return "<" + url + ">; rel=\"next\"";
  }

  /** True when {@code request} carries {@code Authorization: Bearer <token>}. */
  protected static boolean bearer(FakeRequest request, String token) {
    return request.header("Authorization").filter(("Bearer " + token)::equals).isPresent();
  }

  /** True when {@code request} carries HTTP Basic credentials {@code user:password}. */
  protected static boolean basic(FakeRequest request, String user, String password) {
    String expected = "Basic " + Base64.getEncoder().encodeToString((user + ":" + password)
        .getBytes(StandardCharsets.UTF_8));
    return request.header("Authorization").filter(expected::equals).isPresent();
  }
}
