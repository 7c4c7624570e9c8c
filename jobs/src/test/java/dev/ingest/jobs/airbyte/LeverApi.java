package dev.ingest.jobs.airbyte;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Lever Data API v1 (hire.lever.co/developer/documentation): OAuth access tokens from the authorization server's
 * {@code POST /oauth/token} (refresh-token grant; the answer carries {@code access_token}, a new
 * {@code refresh_token}, {@code expires_in} 3600); list endpoints such as {@code GET /v1/users} take {@code limit}
 * and the {@code offset} token of the previous page and answer {@code {data, hasNext, next}}. The first request for
 * the second page answers {@code 429} once (Lever rate-limits per key; the runtime backs off and retries).
 * {@code GET /v1/opportunities} also takes {@code updated_at_start}/{@code updated_at_end} (epoch milliseconds,
 * inclusive); {@code /v1/opportunities/{id}/applications}, {@code interviews}, {@code notes}, {@code offers} and
 * {@code referrals} answer one record per opportunity. Opportunities are updated at fixed days after
 * {@code opportunitiesFrom}: days 1 and 10, then 31 to 34.
 */
final class LeverApi extends ManifestApi {
  static final String CLIENT_ID = "lever-client";
  static final String CLIENT_SECRET = "lever-client-secret";
  static final String REFRESH_TOKEN = "lever-refresh-0";
  static final int USERS = 7;
  static final int PAGE = 3; // the fake's page size (Lever may return fewer records than limit)

  final OAuthTokenEndpoint tokens;
  private final AtomicInteger issued = new AtomicInteger();
  private final AtomicBoolean limited = new AtomicBoolean();

  static final int[] OPPORTUNITY_DAYS = {1, 10, 31, 32, 33, 34};
  static final List<String> SUBSTREAMS = List.of("applications", "interviews", "notes", "offers", "referrals");
  private final long opportunitiesFrom;

  LeverApi() throws IOException {
    this(0);
  }

  /** @param opportunitiesFrom epoch milliseconds the opportunities' update days count from */
  LeverApi(long opportunitiesFrom) throws IOException {
    this.opportunitiesFrom = opportunitiesFrom;
    tokens = new OAuthTokenEndpoint(form -> {
      boolean ok = "refresh_token".equals(form.get("grant_type")) && CLIENT_ID.equals(form.get("client_id"))
          && CLIENT_SECRET.equals(form.get("client_secret")) && REFRESH_TOKEN.equals(form.get("refresh_token"));
      int n = ok ? issued.incrementAndGet() : 0;
      return ok ? Map.of("access_token", "lever-access-" + n, "refresh_token", "lever-refresh-" + n,
          "expires_in", 3600, "token_type", "Bearer") : null;
    });
    route("/oauth/token", tokens);
  }

  String urlBase() {
    return origin() + "/v1";
  }

  String tokenUrl() {
    return origin() + "/oauth/token";
  }

  @Override
  String authorization() {
    return "Bearer lever-access-" + issued.get();
  }

  @Override
  Response serve(Request request) {
    if (request.path().equals("/v1/opportunities")) {
      long from = Long.parseLong(request.param("updated_at_start"));
      long to = Long.parseLong(request.param("updated_at_end"));
      List<Map<String, Object>> matching = opportunities().stream().filter(o -> {
        long at = (Long) o.get("updatedAt");
        return at >= from && at <= to;
      }).toList();
      return page(matching, request.param("offset"), "o");
    }
    String[] parts = request.path().split("/"); // ["", "v1", "opportunities", id, sub]
    if (parts.length == 5 && parts[2].equals("opportunities") && SUBSTREAMS.contains(parts[4])) {
      return page(List.of(Map.of("id", parts[4] + "-" + parts[3], "opportunityId", parts[3])), null, "s");
    }
    if (!request.path().equals("/v1/users")) {
      return new Response(404, Map.of("code", "ResourceNotFound", "message", "Not found"));
    }
    int offset = request.param("offset") == null ? 0 : Integer.parseInt(request.param("offset").substring(1));
    if (offset > 0 && limited.compareAndSet(false, true)) {
      return new Response(429, Map.of("code", "TooManyRequests", "message", "Rate limit exceeded"));
    }
    List<Map<String, Object>> page = slice(users(), offset, offset + PAGE);
    boolean more = offset + PAGE < USERS;
    return Response.ok(more ? Map.of("data", page, "hasNext", true, "next", "u" + (offset + PAGE))
        : Map.of("data", page, "hasNext", false));
  }

  private static Response page(List<Map<String, Object>> all, String token, String prefix) {
    int offset = token == null ? 0 : Integer.parseInt(token.substring(1));
    List<Map<String, Object>> page = slice(all, offset, offset + PAGE);
    return Response.ok(offset + PAGE < all.size()
        ? Map.of("data", page, "hasNext", true, "next", prefix + (offset + PAGE))
        : Map.of("data", page, "hasNext", false));
  }

  /** The opportunities, each updated at one of {@link #OPPORTUNITY_DAYS}. */
  List<Map<String, Object>> opportunities() {
    List<Map<String, Object>> out = new ArrayList<>();
    for (int i = 0; i < OPPORTUNITY_DAYS.length; i++) {
      out.add(Map.of("id", "opp-" + (i + 1), "name", "Candidate " + (i + 1), "updatedAt",
          opportunitiesFrom + OPPORTUNITY_DAYS[i] * 86_400_000L));
    }
    return out;
  }

  static List<Map<String, Object>> users() {
    List<Map<String, Object>> out = new ArrayList<>();
    for (int i = 1; i <= USERS; i++) {
      out.add(Map.of("id", "user-" + i, "name", "User " + i, "email", "user" + i + "@example.com", "accessRole",
          i == 1 ? "super admin" : "interviewer", "createdAt", 1_700_000_000_000L + i));
    }
    return out;
  }
}
