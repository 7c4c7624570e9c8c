package dev.ingest.jobs.airbyte;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Auth0 Management API v2 (auth0.com/docs/api/management/v2): a machine-to-machine application gets its token from
 * {@code POST /oauth/token} (client credentials grant with {@code audience}: {@code {access_token, token_type,
 * expires_in, scope}}); {@code GET /api/v2/clients} and {@code /api/v2/organizations} page with 0-based
 * {@code page} and {@code per_page} and answer bare arrays (without {@code include_totals}), as does
 * {@code /api/v2/organizations/{id}/members}; unknown organizations answer 404.
 */
final class Auth0Api extends ManifestApi {
  static final String CLIENT_ID = "m2m-client";
  static final String CLIENT_SECRET = "m2m-secret-value";
  static final int CLIENTS = 120;
  static final int ORGANIZATIONS = 3;
  static final int[] MEMBERS = {2, 3, 0};

  final OAuthTokenEndpoint tokens;
  private final AtomicInteger issued = new AtomicInteger();

  Auth0Api() throws IOException {
    tokens = new OAuthTokenEndpoint(form -> {
      boolean ok = "client_credentials".equals(form.get("grant_type")) && CLIENT_ID.equals(form.get("client_id"))
          && CLIENT_SECRET.equals(form.get("client_secret")) && audience().equals(form.get("audience"));
      return ok ? Map.of("access_token", "auth0-token-" + issued.incrementAndGet(), "token_type", "Bearer",
          "expires_in", 86400, "scope", "read:clients read:organizations") : null;
    });
    route("/oauth/token", tokens);
  }

  /** The tenant's base URL as the manifest's {@code base_url} expects it (with the trailing slash). */
  String baseUrl() {
    return origin() + "/";
  }

  String audience() {
    return origin() + "/api/v2/";
  }

  @Override
  String authorization() {
    return "Bearer auth0-token-" + issued.get();
  }

  @Override
  Response serve(Request request) {
    String[] parts = request.path().split("/");
    // ["", "api", "v2", resource, id, sub]
    int page = request.param("page") == null ? 0 : Integer.parseInt(request.param("page"));
    int perPage = request.param("per_page") == null ? 50 : Integer.parseInt(request.param("per_page"));
    if (parts.length == 4 && parts[3].equals("clients")) {
      return Response.ok(slice(clients(), page * perPage, (page + 1) * perPage));
    }
    if (parts.length == 4 && parts[3].equals("organizations")) {
      return Response.ok(slice(organizations(), page * perPage, (page + 1) * perPage));
    }
    if (parts.length == 6 && parts[3].equals("organizations") && parts[5].equals("members")
        && parts[4].matches("org_[1-" + ORGANIZATIONS + "]")) {
      return Response.ok(slice(members(parts[4]), page * perPage, (page + 1) * perPage));
    }
    return new Response(404, Map.of("statusCode", 404, "error", "Not Found", "message", "Not found"));
  }

  static List<Map<String, Object>> clients() {
    List<Map<String, Object>> out = new ArrayList<>();
    for (int i = 1; i <= CLIENTS; i++) {
      out.add(Map.of("client_id", String.format("client-%03d", i), "name", "App " + i, "app_type",
          i % 2 == 0 ? "spa" : "non_interactive", "is_first_party", true));
    }
    return out;
  }

  static List<Map<String, Object>> organizations() {
    List<Map<String, Object>> out = new ArrayList<>();
    for (int i = 1; i <= ORGANIZATIONS; i++) {
      out.add(Map.of("id", "org_" + i, "name", "org-" + i, "display_name", "Organization " + i));
    }
    return out;
  }

  static List<Map<String, Object>> members(String org) {
    int n = MEMBERS[Integer.parseInt(org.substring(4)) - 1];
    List<Map<String, Object>> out = new ArrayList<>();
    for (int i = 1; i <= n; i++) {
      out.add(Map.of("user_id", "auth0|" + org + "-" + i, "email", org + "-" + i + "@example.com", "name",
          "Member " + i));
    }
    return out;
  }
}
