package dev.ingest.control.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ingest.control.dashboard.Dashboard;
import dev.ingest.control.oauth.CodeExchange;
import dev.ingest.control.oauth.PendingAuthorizations;
import dev.ingest.control.oauth.Pkce;
import dev.ingest.sources.net.AddressPolicy;
import dev.ingest.sources.secret.SecretStore;
import dev.ingest.sources.spec.AuthMethod;
import dev.ingest.sources.spec.AuthSpec;
import dev.ingest.sources.spec.ConnectorCatalog;
import dev.ingest.sources.spec.ConnectorSpec;
import dev.ingest.sources.spec.OAuth2Spec;
import dev.ingest.sources.spec.SpecException;
import dev.ingest.sources.template.Template;
import dev.ingest.sources.template.TemplateContext;
import io.javalin.http.Context;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Connect button's authorization-code flow. {@code POST /api/oauth/start} (behind the API token) takes the
 * connector, its {@code oauth2} auth method, the credential, the app's client id and secret ({@code fields}, or
 * already in that secret) and the connector config, records a single-use expiring {@code state} bound to a
 * session cookie it sets, and answers the provider's authorization URL (with the S256 PKCE challenge).
 * {@code GET /oauth/callback} (public: the provider's redirect carries no API token, the state and cookie stand in
 * for it) exchanges the code with the verifier and writes the credential once: its stored fields, the given ones,
 * {@code refresh_token} and {@code access_token} (a refused flow changes nothing; a secret more than one pipeline
 * names is only connected when the start request confirms it, {@code ?confirm_shared=true}, as credential writes), then sends the browser back to the dashboard's Connect page with the outcome. The client secret,
 * code, verifier and tokens appear in no URL the browser sees, no log and no response.
 */
final class OAuthRoutes {
  static final String CALLBACK = "/oauth/callback";
  static final String COOKIE = "ingest_oauth";

  private final ConnectorCatalog catalog;
  private final SecretStore secrets;
  private final PipelineService pipelines;
  private final PendingAuthorizations pending;
  private final CodeExchange exchange;
  private final AddressPolicy addresses;

  OAuthRoutes(ConnectorCatalog catalog, SecretStore secrets, PipelineService pipelines, PendingAuthorizations pending,
      CodeExchange exchange, AddressPolicy addresses) {
    this.addresses = addresses;
    this.pipelines = pipelines;
    this.catalog = catalog;
    this.secrets = secrets;
    this.pending = pending;
    this.exchange = exchange;
  }

  void register(RouteTable routes) {
    routes.post("/api/oauth/start", this::start);
    routes.get(CALLBACK, this::callback);
  }

  private void start(Context ctx) {
    JsonNode body = body(ctx);
    String connectorName = text(body, "connector");
    ConnectorSpec connector = catalog.find(connectorName).orElseThrow(() -> ApiException.badRequest("connector",
        "unknown connector '" + connectorName + "' (known: " + String.join(", ", catalog.names()) + ")"));
    String methodName = body.path("auth_method").isTextual() ? body.path("auth_method").asText() : "oauth2";
    AuthMethod method = connector.authMethods().get(methodName);
    if (method == null || method.auth().type() != AuthSpec.Type.OAUTH2 || !method.auth().oauth2().connectable()) {
      throw ApiException.badRequest("auth_method", "connector " + connectorName + " has no auth method '"
          + methodName + "' with an authorization-code flow (authorize_url)");
    }
    String credential = text(body, "credential");
    if (!CredentialRoutes.SECRET_NAME.matcher(credential).matches()) {
      throw ApiException.badRequest("credential", "secret name must match " + CredentialRoutes.SECRET_NAME.pattern());
    }
    // connecting replaces the secret's tokens (and client fields) for every pipeline naming it: ask first when more
    // than one does, as a credential write does (409 shared_credential unless ?confirm_shared=true)
    java.util.List<String> users = CredentialUsage.othersUsing(pipelines, credential, "");
    CredentialRoutes.requireConfirmedIfShared(ctx, credential, users.size() > 1 ? users : java.util.List.of());
    Map<String, String> config = config(connector, body.path("config"));
    Map<String, String> given = fields(method, body.path("fields"));
    Map<String, String> fields = new LinkedHashMap<>(storedOrEmpty(credential));
    fields.putAll(given);
    OAuth2Spec oauth = method.auth().oauth2();
    String clientId = render(oauth.clientId(), config, fields, "client_id");
    String authorizeUrl = render(oauth.authorizeUrl(), config, fields, "authorize_url");
    String tokenUrl = render(oauth.tokenUrl(), config, fields, "token_url");
    addresses.problem(tokenUrl).ifPresent(problem -> {
      throw ApiException.badRequest("config", "the token URL " + tokenUrl + " is refused by the network policy: "
          + problem);
    });
    String redirectUri = ctx.scheme() + "://" + ctx.host() + CALLBACK;
    String verifier = Pkce.newVerifier();
    String session = Pkce.random(24);
    String state = pending.start(new PendingAuthorizations.Flow(connectorName, methodName, credential, config,
        given, verifier, redirectUri), session);
    Map<String, String> query = new LinkedHashMap<>();
    query.put("response_type", "code");
    query.put("client_id", clientId);
    query.put("redirect_uri", redirectUri);
    if (!oauth.authorizeScopes().isEmpty()) {
      query.put("scope", String.join(" ", oauth.authorizeScopes()));
    }
    query.put("state", state);
    query.put("code_challenge", Pkce.challenge(verifier));
    query.put("code_challenge_method", "S256");
    StringBuilder url = new StringBuilder(authorizeUrl).append(authorizeUrl.contains("?") ? '&' : '?');
    query.forEach((k, v) -> url.append(enc(k)).append('=').append(enc(v)).append('&'));
    url.setLength(url.length() - 1);
    ctx.header("Set-Cookie", COOKIE + "=" + session + "; Path=" + CALLBACK + "; Max-Age=600; HttpOnly; SameSite=Lax"
        + ("https".equals(ctx.scheme()) ? "; Secure" : ""));
    Json.respond(ctx, 200, Json.object().put("authorize_url", url.toString()).put("redirect_uri", redirectUri));
  }

  private void callback(Context ctx) {
    PendingAuthorizations.Taken taken = pending.take(ctx.queryParam("state"), ctx.cookie(COOKIE));
    if (taken.flow().isEmpty()) {
      back(ctx, null, switch (taken.refusal().orElseThrow()) {
        case UNKNOWN_OR_USED -> "unknown or already used state: start again with Connect";
        case OTHER_SESSION -> "the authorization was started in another browser session: start again with Connect";
        case EXPIRED -> "the authorization took too long: start again with Connect";
      });
      return;
    }
    PendingAuthorizations.Flow flow = taken.flow().get();
    String error = ctx.queryParam("error");
    String code = ctx.queryParam("code");
    if (error != null || code == null || code.isEmpty()) {
      String safe = error == null ? "no code" : error.replaceAll("[^A-Za-z0-9_.-]", "");
      back(ctx, flow.credential(), "the provider did not authorize: " + safe.substring(0, Math.min(64, safe.length())));
      return;
    }
    try {
      ConnectorSpec connector = catalog.get(flow.connector());
      OAuth2Spec oauth = connector.authMethods().get(flow.method()).auth().oauth2();
      Map<String, String> fields = new LinkedHashMap<>(storedOrEmpty(flow.credential()));
      fields.putAll(flow.fields());
      CodeExchange.Tokens tokens = exchange.exchange(render(oauth.tokenUrl(), flow.config(), fields, "token_url"),
          code, flow.verifier(), flow.redirectUri(), render(oauth.clientId(), flow.config(), fields, "client_id"),
          oauth.clientSecret() == null ? null : render(oauth.clientSecret(), flow.config(), fields, "client_secret"),
          oauth.clientAuth() == OAuth2Spec.ClientAuth.BASIC);
      Map<String, String> updated = new LinkedHashMap<>(fields);
      updated.put("refresh_token", tokens.refreshToken());
      tokens.accessToken().ifPresent(t -> updated.put("access_token", t));
      secrets.write(flow.credential(), updated);
      back(ctx, flow.credential(), null);
    } catch (CodeExchange.ExchangeException e) {
      back(ctx, flow.credential(), e.getMessage());
    } catch (ApiException e) {
      back(ctx, flow.credential(), e.getMessage());
    } catch (SpecException | IOException e) {
      back(ctx, flow.credential(), "could not store the tokens (" + e.getClass().getSimpleName() + ")");
    }
  }

  /** Sends the browser back to the dashboard's Connect page with the outcome in the fragment (no secret in it). */
  private static void back(Context ctx, String credential, String problem) {
    StringBuilder fragment = new StringBuilder("#/oauth?");
    if (credential != null) {
      fragment.append("credential=").append(enc(credential)).append('&');
    }
    fragment.append(problem == null ? "connected=1" : "error=" + enc(problem));
    ctx.removeCookie(COOKIE, CALLBACK);
    ctx.status(303).header("Location", Dashboard.PATH + "/" + fragment).header("Cache-Control", "no-store");
  }

  private Map<String, String> storedOrEmpty(String credential) {
    try {
      return secrets.read(credential).orElse(Map.of());
    } catch (IOException e) {
      throw new ApiException(502, "secret_store", "could not read the secret store");
    }
  }

  /** The credential fields given with the start: only the method's form, never the tokens the flow obtains. */
  private static Map<String, String> fields(AuthMethod method, JsonNode node) {
    Map<String, String> values = new LinkedHashMap<>();
    if (node.isMissingNode() || node.isNull()) {
      return values;
    }
    if (!node.isObject()) {
      throw ApiException.badRequest("fields", "fields must be an object of strings");
    }
    var it = node.fields();
    while (it.hasNext()) {
      var e = it.next();
      if (!method.credentials().containsKey(e.getKey()) || e.getKey().equals("refresh_token")
          || e.getKey().equals("access_token") || !e.getValue().isTextual()) {
        throw ApiException.badRequest("fields." + e.getKey(), "not a client field of the " + method.name()
            + " method (allowed: " + method.credentials().keySet().stream()
                .filter(k -> !k.equals("refresh_token") && !k.equals("access_token")).toList() + ")");
      }
      values.put(e.getKey(), e.getValue().asText());
    }
    return values;
  }

  private static Map<String, String> config(ConnectorSpec connector, JsonNode node) {
    Map<String, String> values = new LinkedHashMap<>();
    if (node.isObject()) {
      node.fields().forEachRemaining(e -> values.put(e.getKey(), e.getValue().asText()));
    } else if (!node.isMissingNode() && !node.isNull()) {
      throw ApiException.badRequest("config", "config must be an object of strings");
    }
    try {
      return connector.resolveConfig(values);
    } catch (SpecException e) {
      throw ApiException.badRequest("config", e.getMessage());
    }
  }

  private static String render(String template, Map<String, String> config, Map<String, String> credentials,
      String what) {
    try {
      return Template.parse(template).render(TemplateContext.of(config, credentials, Map.of()));
    } catch (RuntimeException e) {
      throw ApiException.badRequest(what, "cannot render the connector's " + what + ": the credential or config "
          + "lacks a value it names");
    }
  }

  private static String text(JsonNode body, String field) {
    JsonNode v = body.get(field);
    if (v == null || !v.isTextual() || v.asText().isEmpty()) {
      throw ApiException.badRequest(field, field + " is required");
    }
    return v.asText();
  }

  private static JsonNode body(Context ctx) {
    try {
      JsonNode node = Json.MAPPER.readTree(ctx.bodyAsBytes());
      if (node != null && node.isObject()) {
        return node;
      }
    } catch (IOException e) {
      // never echo the parser's message
    }
    throw ApiException.badRequest("", "request body must be a JSON object {\"connector\", \"credential\", ...}");
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
