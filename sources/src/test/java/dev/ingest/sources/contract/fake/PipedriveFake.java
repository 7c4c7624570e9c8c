package dev.ingest.sources.contract.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Pipedrive API v2 (pipedrive.readme.io/docs/core-api-concepts-pagination): {@code {success, data:[…],
 * additional_data:{next_cursor}}} with {@code limit} ≤ 500 + {@code cursor} (null at the end),
 * {@code updated_since} (RFC 3339) and {@code sort_by=update_time&sort_direction=asc}; v1 {@code /leads} offset
 * paging {@code start}/{@code limit} → {@code additional_data.pagination{start, limit, more_items_in_collection,
 * next_start}}; API token in {@code x-api-token} (or {@code api_token=}); {@code x-ratelimit-*} headers;
 * errors {@code {success:false, error, errorCode}}.
 */
public final class PipedriveFake extends ProviderFake {
  public static final String TOKEN = "0123456789abcdef0123456789abcdef01234567";
  private static final List<String> V2 = List.of("deals", "persons", "organizations", "activities", "products",
      "pipelines", "stages");
  private final Map<String, List<ObjectNode>> data = new LinkedHashMap<>();
  private int clock;
  private long ids = 1;

  public PipedriveFake() {
    for (String resource : V2) {
      for (int i = 0; i < 5; i++) {
        ObjectNode r = Fakes.obj("id", ids++, "add_time", Fakes.iso(0), "update_time", Fakes.iso(clock++));
        r.setAll(switch (resource) {
          case "deals" -> Fakes.obj("title", "Deal " + i, "value", 5000, "currency", "USD", "status", "open",
              "stage_id", 1, "pipeline_id", 1, "owner_id", 7, "person_id", null, "org_id", null,
              "custom_fields", Fakes.obj());
          case "persons" -> Fakes.obj("name", "Person " + i, "owner_id", 7, "emails", Fakes.arr(List.of(
              Fakes.obj("value", "p" + i + "@example.com", "primary", true, "label", "work"))));
          default -> Fakes.obj("name", resource + " " + i);
        });
        data.computeIfAbsent(resource, k -> new ArrayList<>()).add(r);
      }
    }
    for (int i = 0; i < 5; i++) {
      data.computeIfAbsent("leads", k -> new ArrayList<>()).add(Fakes.obj("id",
          "adf21080-0e10-11eb-879b-05d71fb426e" + i, "title", "Lead " + i, "owner_id", 7, "is_archived", false,
          "add_time", "2024-01-01T00:00:00.000Z", "update_time", "2024-01-01T00:00:00.000Z"));
    }
  }

  @Override
  public String connector() {
    return "pipedrive";
  }

  @Override
  public Map<String, String> secret() {
    return Map.of("api_token", TOKEN);
  }

  @Override
  protected String root() {
    return "/api";
  }

  @Override
  protected boolean authorized(FakeRequest request) {
    return request.header("x-api-token").or(() -> request.param("api_token")).filter(TOKEN::equals).isPresent();
  }

  @Override
  protected FakeResponse unauthorized() {
    return FakeResponse.of(401, Fakes.obj("success", false, "error", "unauthorized access", "errorCode", 401,
        "error_info", "Please check developers.pipedrive.com for more information about Pipedrive API."));
  }

  @Override
  protected FakeResponse rateLimited() {
    return FakeResponse.of(429, Fakes.obj("success", false, "error", "Request over limit", "errorCode", 429))
        .header("x-ratelimit-limit", "80").header("x-ratelimit-remaining", "0").header("x-ratelimit-reset", "2")
        .header("Retry-After", "2");
  }

  @Override
  protected Map<String, String> rateHeaders() {
    return Map.of("x-ratelimit-limit", "80", "x-ratelimit-remaining", "75", "x-ratelimit-reset", "2",
        "x-daily-requests-left", "29000");
  }

  @Override
  protected FakeResponse route(FakeRequest request) {
    if (request.path().equals("/v1/leads")) {
      List<ObjectNode> leads = data.get("leads");
      int start = request.intParam("start", 0);
      int limit = Math.min(request.intParam("limit", 100), PAGE_CAP);
      List<ObjectNode> slice = Fakes.slice(leads, start, limit);
      boolean more = start + slice.size() < leads.size();
      ObjectNode pagination = Fakes.obj("start", start, "limit", limit, "more_items_in_collection", more);
      if (more) {
        pagination.put("next_start", start + slice.size());
      }
      return FakeResponse.ok(Fakes.obj("success", true, "data", Fakes.arr(slice), "additional_data",
          Fakes.obj("pagination", pagination)));
    }
    if (!request.path().startsWith("/v2/") || !V2.contains(request.path().substring(4))) {
      return null;
    }
    int limit = request.intParam("limit", 100);
    if (limit > 500) {
      return FakeResponse.of(400, Fakes.obj("success", false, "error", "limit must be at most 500",
          "errorCode", 400));
    }
    List<ObjectNode> records = new ArrayList<>(data.get(request.path().substring(4)));
    request.param("updated_since").map(Instant::parse).ifPresent(since ->
        records.removeIf(r -> Instant.parse(r.get("update_time").asText()).isBefore(since)));
    if (request.param("sort_by").filter("update_time"::equals).isPresent()) {
      Comparator<ObjectNode> order = Comparator.comparing(r -> r.get("update_time").asText());
      records.sort(request.param("sort_direction").filter("desc"::equals).isPresent() ? order.reversed() : order);
    }
    int from = request.param("cursor").map(c -> Integer.parseInt(c.substring(4))).orElse(0);
    List<ObjectNode> slice = Fakes.slice(records, from, Math.min(limit, PAGE_CAP));
    String next = from + slice.size() < records.size() ? "eyJm" + (from + slice.size()) : null;
    return FakeResponse.ok(Fakes.obj("success", true, "data", Fakes.arr(slice), "additional_data",
        Fakes.obj("next_cursor", next)));
  }

  @Override
  public Map<String, String> config() {
    return Map.of("base_url", baseUrl());
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
      r.put("update_time", Fakes.iso(hour));
    });
  }
}
