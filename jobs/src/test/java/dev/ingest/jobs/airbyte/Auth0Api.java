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
 * {@code /api/v2/organizations/{id}/members} and {@code /api/v2/organizations/{id}/members/{user_id}/roles} (the
 * member's roles in that organization: {@code id}, {@code name}, {@code description}); unknown organizations or
 * members answer 404. {@code GET /api/v2/users} takes a
 * Lucene query {@code q} ({@code updated_at:{A TO B]}: {@code {} excludes the lower bound, {@code ]} includes the
 * upper, {@code *} is open) and {@code sort=updated_at:1}; the users' {@code updated_at} sit in the years
 * {@code firstYear} (3), {@code firstYear + 1} (2) and {@code firstYear + 2} (1, on 1 January at 00:00:01).
 * Every member is a viewer; each organization's first member also an admin.
 */
final class Auth0Api extends ManifestApi {
  static final String CLIENT_ID = "m2m-client";
  static final String CLIENT_SECRET = "m2m-secret-value";
  static final int CLIENTS = 120;
  static final int ORGANIZATIONS = 3;
  static final int[] MEMBERS = {2, 3, 0};

  final OAuthTokenEndpoint tokens;
  private final AtomicInteger issued = new AtomicInteger();

  private final int firstYear;

  Auth0Api() throws IOException {
    this(java.time.Year.now(java.time.ZoneOffset.UTC).getValue() - 2);
  }

  Auth0Api(int firstYear) throws IOException {
    this.firstYear = firstYear;
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
    if (parts.length == 4 && parts[3].equals("users")) {
      java.util.regex.Matcher q = java.util.regex.Pattern.compile("updated_at:([\\[{])(\\S+)\\s+TO\\s+(\\S+)([\\]}])")
          .matcher(request.param("q") == null ? "" : request.param("q"));
      if (!q.matches() || !"updated_at:1".equals(request.param("sort"))) {
        return new Response(400, Map.of("statusCode", 400, "error", "Bad Request", "message", "bad query"));
      }
      List<Map<String, Object>> matching = users().stream().filter(u -> {
        java.time.Instant at = java.time.Instant.parse((String) u.get("updated_at"));
        boolean low = q.group(2).equals("*") || (q.group(1).equals("[") ? !at.isBefore(instant(q.group(2)))
            : at.isAfter(instant(q.group(2))));
        boolean high = q.group(3).equals("*") || (q.group(4).equals("]") ? !at.isAfter(instant(q.group(3)))
            : at.isBefore(instant(q.group(3))));
        return low && high;
      }).toList();
      return Response.ok(slice(matching, page * perPage, (page + 1) * perPage));
    }
    if (parts.length == 4 && parts[3].equals("organizations")) {
      return Response.ok(slice(organizations(), page * perPage, (page + 1) * perPage));
    }
    if (parts.length == 6 && parts[3].equals("organizations") && parts[5].equals("members")
        && parts[4].matches("org_[1-" + ORGANIZATIONS + "]")) {
      return Response.ok(slice(members(parts[4]), page * perPage, (page + 1) * perPage));
    }
    if (parts.length == 8 && parts[3].equals("organizations") && parts[5].equals("members")
        && parts[7].equals("roles") && parts[4].matches("org_[1-" + ORGANIZATIONS + "]")
        && members(parts[4]).stream().anyMatch(m -> m.get("user_id").equals(parts[6]))) {
      return Response.ok(slice(roles(parts[6]), page * perPage, (page + 1) * perPage));
    }
    return new Response(404, Map.of("statusCode", 404, "error", "Not Found", "message", "Not found"));
  }

  /** The roles of member {@code userId} ({@code auth0|org_<k>-<i>}) in its organization. */
  static List<Map<String, Object>> roles(String userId) {
    List<Map<String, Object>> out = new ArrayList<>();
    if (userId.endsWith("-1")) {
      out.add(Map.of("id", "rol_admin", "name", "Admin", "description", "Manages the organization"));
    }
    out.add(Map.of("id", "rol_viewer", "name", "Viewer", "description", "Reads the organization"));
    return out;
  }

  private static java.time.Instant instant(String text) {
    return java.time.Instant.parse(text);
  }

  /** The tenant's users, oldest update first. */
  List<Map<String, Object>> users() {
    String[] updated = {firstYear + "-03-01T10:00:00.000Z", firstYear + "-06-01T10:00:00.000Z",
        firstYear + "-09-01T10:00:00.000Z", (firstYear + 1) + "-02-01T10:00:00.000Z",
        (firstYear + 1) + "-07-01T10:00:00.000Z", (firstYear + 2) + "-01-01T00:00:01.000Z"};
    List<Map<String, Object>> out = new ArrayList<>();
    for (int i = 0; i < updated.length; i++) {
      out.add(Map.of("user_id", "auth0|user-" + (i + 1), "email", "user" + (i + 1) + "@example.com",
          "created_at", firstYear + "-01-02T00:00:00.000Z", "updated_at", updated[i]));
    }
    return out;
  }

  int firstYear() {
    return firstYear;
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
