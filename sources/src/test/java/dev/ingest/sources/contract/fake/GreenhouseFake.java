package dev.ingest.sources.contract.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Greenhouse Harvest v3 (harvestdocs.greenhouse.io: authentication, pagination): OAuth 2.0 client credentials at
 * {@code POST /token} with HTTP Basic {@code client_id:client_secret} and form {@code grant_type=client_credentials,
 * sub=<user id>} → {@code {access_token, token_type, expires_in}}; root JSON arrays; {@code per_page} (1–500) on
 * the first request, then {@code Link: <…?cursor=…>; rel="next"} where the cursor must be the only parameter
 * (else 400); {@code updated_at=gte|<ISO>} range filters; {@code X-RateLimit-Limit/-Remaining}; 429 with
 * {@code Retry-After}.
 */
public final class GreenhouseFake extends ProviderFake {
  public static final String CLIENT_ID = "gh-contract-client";
  public static final String CLIENT_SECRET = "gh-contract-secret";
  public static final String USER_ID = "4080";
  private static final String ACCESS = "gh-contract-access-token";
  private static final List<String> RESOURCES = List.of("candidates", "applications", "jobs", "offers", "scorecards",
      "users", "departments");
  private final Map<String, List<ObjectNode>> data = new LinkedHashMap<>();
  private final Map<String, List<ObjectNode>> cursors = new LinkedHashMap<>();
  private int clock;
  private long ids = 53_883_394;

  public GreenhouseFake() {
    for (String resource : RESOURCES) {
      for (int i = 0; i < 5; i++) {
        ObjectNode r = Fakes.obj("id", ids++, "created_at", Fakes.iso(0), "updated_at", Fakes.iso(clock++));
        switch (resource) {
          case "candidates" -> r.setAll(Fakes.obj("first_name", "Ada", "last_name", "Candidate " + i, "company",
              null, "is_private", false, "email_addresses", Fakes.arr(List.of(Fakes.obj("value", "a" + i
                  + "@example.com", "type", "personal"))), "tags", Fakes.strings("Python")));
          case "applications" -> r.setAll(Fakes.obj("candidate_id", 53_883_394 + i, "status", "active",
              "prospect", false));
          case "jobs" -> r.setAll(Fakes.obj("name", "Engineer " + i, "status", "open", "confidential", false));
          default -> r.put("name", resource + " " + i);
        }
        data.computeIfAbsent(resource, k -> new ArrayList<>()).add(r);
      }
    }
  }

  @Override
  public String connector() {
    return "greenhouse";
  }

  @Override
  public Map<String, String> secret() {
    return Map.of("client_id", CLIENT_ID, "client_secret", CLIENT_SECRET, "user_id", USER_ID);
  }

  @Override
  public Map<String, String> config() {
    return Map.of("base_url", baseUrl(), "token_url", serverUrl() + "/token");
  }

  @Override
  protected String root() {
    return "/v3";
  }

  @Override
  protected FakeResponse unauthenticatedRoute(FakeRequest request) {
    if (!request.path().equals("/token")) {
      return null;
    }
    boolean valid = basic(request, CLIENT_ID, CLIENT_SECRET)
        && request.param("grant_type").filter("client_credentials"::equals).isPresent()
        && request.param("sub").filter(USER_ID::equals).isPresent();
    return valid ? FakeResponse.ok(Fakes.obj("access_token", ACCESS, "token_type", "Bearer", "expires_in", 3600))
        : FakeResponse.of(401, Fakes.obj("error", "invalid_client", "error_description",
            "Client authentication failed"));
  }

  @Override
  protected boolean authorized(FakeRequest request) {
    return bearer(request, ACCESS);
  }

  @Override
  protected FakeResponse unauthorized() {
    return FakeResponse.of(401, Fakes.obj("errors", Fakes.arr(List.of(Fakes.obj("message", "Unauthorized")))));
  }

  @Override
  protected FakeResponse rateLimited() {
    return FakeResponse.of(429, Fakes.obj("errors", Fakes.arr(List.of(Fakes.obj("message",
        "Rate limit exceeded"))))).header("Retry-After", "1").header("X-RateLimit-Limit", "50")
        .header("X-RateLimit-Remaining", "0");
  }

  @Override
  protected Map<String, String> rateHeaders() {
    return Map.of("X-RateLimit-Limit", "50", "X-RateLimit-Remaining", "45");
  }

  @Override
  protected FakeResponse route(FakeRequest request) {
    String resource = request.path().substring(1);
    if (!RESOURCES.contains(resource)) {
      return null;
    }
    List<ObjectNode> records;
    if (request.param("cursor").isPresent()) {
      if (request.query().size() > 1) {
        return FakeResponse.of(400, Fakes.obj("errors", Fakes.arr(List.of(Fakes.obj("message",
            "cursor must be the only query parameter")))));
      }
      records = cursors.get(request.param("cursor").get());
    } else {
      int perPage = request.intParam("per_page", 100);
      if (perPage < 1 || perPage > 500) {
        return FakeResponse.of(400, Fakes.obj("errors", Fakes.arr(List.of(Fakes.obj("message",
            "per_page must be between 1 and 500")))));
      }
      records = new ArrayList<>(data.get(resource));
      String range = request.param("updated_at").orElse(null);
      if (range != null) {
        String[] parts = range.split("\\|");
        if (parts.length != 2 || !parts[0].equals("gte")) {
          return FakeResponse.of(400, Fakes.obj("errors", Fakes.arr(List.of(Fakes.obj("message",
              "updated_at: expected gte|<timestamp>")))));
        }
        Instant from = Instant.parse(parts[1].replace("+00:00", "Z"));
        records.removeIf(r -> Instant.parse(r.get("updated_at").asText()).isBefore(from));
      }
    }
    FakeResponse response = FakeResponse.ok(Fakes.arr(Fakes.slice(records, 0, PAGE_CAP)));
    if (records.size() > PAGE_CAP) {
      String cursor = "eyJpZCI6" + cursors.size();
      cursors.put(cursor, records.subList(PAGE_CAP, records.size()));
      response = response.header("Link", nextLink(url(request.path(), Map.of("cursor", cursor))));
    }
    return response;
  }

  @Override
  public List<JsonNode> expected(String endpoint) {
    return List.copyOf(data.get(endpoint));
  }

  /** Two records updated after every other. */
  @Override
  public List<JsonNode> advance(String endpoint) {
    clock += 10 + 2;
    return Fakes.touchFirstTwo(data.get(endpoint), clock - 2, (r, hour) -> {
      r.put("updated_at", Fakes.iso(hour));
    });
  }
}
