package dev.ingest.control.dashboard;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An OAuth 2.0 provider for tests, on a free loopback port: {@code GET /authorize} checks the authorization request
 * (client id, {@code response_type=code}, S256 challenge, redirect URI) and shows an Approve link that sends the
 * browser to the redirect URI with a fresh code and the state; {@code POST /token} redeems a code once, checking
 * the client secret, the redirect URI and that {@code BASE64URL(SHA-256(code_verifier))} equals the challenge the
 * code was issued for, and answers a new refresh and access token (or 400 {@code invalid_grant}).
 */
final class FakeOAuthProvider implements AutoCloseable {
  private record Issued(String challenge, String redirectUri) {}

  private final String clientId;
  private final String clientSecret;
  private final HttpServer server;
  private final Map<String, Issued> codes = new ConcurrentHashMap<>();
  private final AtomicInteger issued = new AtomicInteger();
  /** The outcome of every token request: "granted rt-N" or the refusal. */
  final List<String> tokenRequests = new CopyOnWriteArrayList<>();
  /** The query of every authorization request. */
  final List<Map<String, String>> authorizeRequests = new CopyOnWriteArrayList<>();
  /** When set, the next code is issued for this challenge instead of the request's (a code from another flow). */
  volatile String substituteChallenge;

  FakeOAuthProvider(String clientId, String clientSecret) throws IOException {
    this.clientId = clientId;
    this.clientSecret = clientSecret;
    this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/authorize", this::authorize);
    server.createContext("/token", this::token);
    server.start();
  }

  String base() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  private void authorize(HttpExchange ex) throws IOException {
    Map<String, String> q = form(ex.getRequestURI().getRawQuery());
    authorizeRequests.add(q);
    if (!clientId.equals(q.get("client_id")) || !"code".equals(q.get("response_type"))
        || !"S256".equals(q.get("code_challenge_method")) || q.get("code_challenge") == null
        || q.get("redirect_uri") == null || q.get("state") == null) {
      respond(ex, 400, "text/plain", "bad authorization request: " + q.keySet());
      return;
    }
    String code = "code-" + issued.incrementAndGet();
    String challenge = substituteChallenge != null ? substituteChallenge : q.get("code_challenge");
    substituteChallenge = null;
    codes.put(code, new Issued(challenge, q.get("redirect_uri")));
    String back = q.get("redirect_uri") + "?code=" + enc(code) + "&state=" + enc(q.get("state"));
    respond(ex, 200, "text/html; charset=utf-8", "<!doctype html><title>Fake provider</title><h1>Authorize "
        + "Ingest?</h1><p>Scopes: <span id=scopes>" + q.getOrDefault("scope", "") + "</span></p>"
        + "<a id=approve href=\"" + back.replace("&", "&amp;") + "\">Approve</a>");
  }

  private void token(HttpExchange ex) throws IOException {
    Map<String, String> f = form(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
    Issued code = f.get("code") == null ? null : codes.remove(f.get("code"));
    String refusal = !"authorization_code".equals(f.get("grant_type")) ? "unsupported_grant_type"
        : !clientId.equals(f.get("client_id")) || !clientSecret.equals(f.get("client_secret")) ? "invalid_client"
        : code == null ? "invalid_grant"
        : !code.redirectUri.equals(f.get("redirect_uri")) ? "invalid_grant"
        : f.get("code_verifier") == null || !code.challenge.equals(s256(f.get("code_verifier"))) ? "invalid_grant"
        : null;
    if (refusal != null) {
      tokenRequests.add("refused " + refusal);
      respond(ex, 400, "application/json", "{\"error\":\"" + refusal + "\"}");
      return;
    }
    int n = tokenRequests.size() + 1;
    tokenRequests.add("granted rt-" + n);
    respond(ex, 200, "application/json", "{\"access_token\":\"at-" + n + "\",\"refresh_token\":\"rt-" + n
        + "\",\"token_type\":\"bearer\",\"expires_in\":1800}");
  }

  static String s256(String verifier) {
    try {
      return Base64.getUrlEncoder().withoutPadding().encodeToString(
          MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Map<String, String> form(String raw) {
    Map<String, String> out = new LinkedHashMap<>();
    if (raw == null || raw.isEmpty()) {
      return out;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      out.put(URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
          eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
    }
    return out;
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private static void respond(HttpExchange ex, int status, String type, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", type);
    ex.sendResponseHeaders(status, bytes.length);
    try (var out = ex.getResponseBody()) {
      out.write(bytes);
    }
  }


  @Override
  public void close() {
    server.stop(0);
  }
}
