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
 * Intercom REST 2.11 (developers.intercom.com … pagination, rate limiting): {@code POST /contacts/search} and
 * {@code /conversations/search} with {@code query {field, operator, value}}, {@code sort} and {@code pagination
 * {per_page ≤ 150, starting_after}} in the body → {@code {type:"list", data|conversations, total_count, pages
 * {type:"pages", page, per_page, total_pages, next {page, starting_after}}}}; {@code GET /companies} page-numbered;
 * {@code /admins}, {@code /tags}, {@code /segments}, {@code /teams} unpaged; {@code X-RateLimit-Limit/-Remaining
 * /-Reset} (unix); errors {@code {type:"error.list", errors:[{code, message}]}}. Contact search compares
 * timestamps by day, as the docs say ("indexed as Dates": {@code updated_at > t} returns contacts from the day after
 * {@code t}'s day on), so an incremental filter on it must reach back a day.
 */
public final class IntercomFake extends ProviderFake {
  public static final String TOKEN = "dG9rOmNvbnRyYWN0OjE6MA==";
  private final Map<String, List<ObjectNode>> data = new LinkedHashMap<>();
  private final Map<String, Integer> cursors = new LinkedHashMap<>();
  private static final long DAY = 86_400;
  private static final long DAYS_2 = 2 * DAY;
  private long clock = 1_704_067_200L;
  private int ids;

  public IntercomFake() {
    for (int i = 0; i < 5; i++) {
      add("contacts", Fakes.obj("type", "contact", "id", hex(), "workspace_id", "ecahpwf5", "external_id", null,
          "role", "user", "email", "u" + i + "@example.com", "name", "User " + i, "created_at", 1_700_000_000,
          "updated_at", clock += DAYS_2, "custom_attributes", Fakes.obj()));
      add("conversations", Fakes.obj("type", "conversation", "id", Long.toString(1_911_149_811L + i),
          "created_at", 1_700_000_000, "updated_at", clock += DAYS_2, "state", "open", "open", true, "read", false,
          "source", Fakes.obj("type", "conversation", "delivered_as", "customer_initiated")));
      add("companies", Fakes.obj("type", "company", "id", hex(), "company_id", "c" + i, "name", "Company " + i,
          "created_at", 1_700_000_000, "updated_at", 1_700_000_000, "user_count", 1));
      add("admins", Fakes.obj("type", "admin", "id", Integer.toString(991_267_000 + i), "name", "Admin " + i,
          "email", "admin" + i + "@example.com", "away_mode_enabled", false));
      add("tags", Fakes.obj("type", "tag", "id", Integer.toString(81 + i), "name", "tag " + i));
      add("segments", Fakes.obj("type", "segment", "id", hex(), "name", "Segment " + i, "person_type", "user",
          "created_at", 1_700_000_000, "updated_at", 1_700_000_000));
      add("teams", Fakes.obj("type", "team", "id", Integer.toString(814_860 + i), "name", "Team " + i,
          "admin_ids", Fakes.strings()));
    }
  }

  private String hex() {
    return String.format("6329bd9ffe4e2e91dac7%04x", ids++);
  }

  private void add(String key, ObjectNode record) {
    data.computeIfAbsent(key, k -> new ArrayList<>()).add(record);
  }

  @Override
  public String connector() {
    return "intercom";
  }

  @Override
  public Map<String, String> secret() {
    return Map.of("access_token", TOKEN);
  }

  @Override
  protected String root() {
    return "";
  }

  @Override
  protected boolean authorized(FakeRequest request) {
    return bearer(request, TOKEN);
  }

  private static FakeResponse error(int status, String code, String message) {
    return FakeResponse.of(status, Fakes.obj("type", "error.list", "request_id", "000on04j1l6o0sdtvkgr",
        "errors", Fakes.arr(List.of(Fakes.obj("code", code, "message", message)))));
  }

  @Override
  protected FakeResponse unauthorized() {
    return error(401, "unauthorized", "Access Token Invalid");
  }

  @Override
  protected FakeResponse rateLimited() {
    return error(429, "rate_limit_exceeded", "Exceeded rate limit of 1000 in 10_seconds")
        .header("X-RateLimit-Limit", "1000").header("X-RateLimit-Remaining", "0")
        .header("X-RateLimit-Reset", Long.toString(Instant.now().getEpochSecond() + 2));
  }

  @Override
  protected Map<String, String> rateHeaders() {
    return Map.of("X-RateLimit-Limit", "1000", "X-RateLimit-Remaining", "990",
        "X-RateLimit-Reset", Long.toString(Instant.now().getEpochSecond() + 10));
  }

  @Override
  protected FakeResponse route(FakeRequest request) {
    if (request.header("Intercom-Version").isEmpty()) {
      return error(400, "intercom_version_invalid", "Requested Intercom-Version is invalid");
    }
    return switch (request.method() + " " + request.path()) {
      case "POST /contacts/search" -> search(request, "contacts", "data");
      case "POST /conversations/search" -> search(request, "conversations", "conversations");
      case "GET /companies" -> companies(request);
      case "GET /admins" -> FakeResponse.ok(Fakes.obj("type", "admin.list", "admins", Fakes.arr(data.get("admins"))));
      case "GET /tags" -> FakeResponse.ok(Fakes.obj("type", "list", "data", Fakes.arr(data.get("tags"))));
      case "GET /segments" -> FakeResponse.ok(Fakes.obj("type", "segment.list", "segments",
          Fakes.arr(data.get("segments"))));
      case "GET /teams" -> FakeResponse.ok(Fakes.obj("type", "team.list", "teams", Fakes.arr(data.get("teams"))));
      default -> null;
    };
  }

  private FakeResponse search(FakeRequest request, String resource, String key) {
    JsonNode query = request.body().path("query");
    if (!query.path("field").asText().equals("updated_at") || !query.path("operator").asText().equals(">")) {
      return error(400, "parameter_invalid", "fake supports updated_at > value only");
    }
    long value = query.path("value").asLong();
    // contact search indexes timestamps as dates: "> t" means "from the day after t's day" (conversations: exact)
    long after = resource.equals("contacts") ? (value / DAY + 1) * DAY - 1 : value;
    List<ObjectNode> matching = new ArrayList<>(data.get(resource).stream()
        .filter(r -> r.get("updated_at").asLong() > after).toList());
    if (request.body().path("sort").path("order").asText().equals("ascending")) {
      matching.sort(Comparator.comparingLong(r -> r.get("updated_at").asLong()));
    }
    int perPage = request.body().path("pagination").path("per_page").asInt(50);
    if (perPage > 150) {
      return error(400, "parameter_invalid", "per_page must be at most 150");
    }
    String startingAfter = request.body().path("pagination").path("starting_after").asText(null);
    int from = startingAfter == null ? 0 : cursors.get(startingAfter);
    List<ObjectNode> slice = Fakes.slice(matching, from, Math.min(perPage, PAGE_CAP));
    int page = from / PAGE_CAP + 1;
    ObjectNode pages = Fakes.obj("type", "pages", "page", page, "per_page", perPage,
        "total_pages", Math.max(1, (matching.size() + PAGE_CAP - 1) / PAGE_CAP));
    if (from + slice.size() < matching.size()) {
      String cursor = "WzE3MDQwNjcyMDAwMDAsIjEiLDJd" + cursors.size();
      cursors.put(cursor, from + slice.size());
      pages.set("next", Fakes.obj("page", page + 1, "starting_after", cursor));
    }
    return FakeResponse.ok(Fakes.obj("type", "list", key, Fakes.arr(slice), "total_count", matching.size(),
        "pages", pages));
  }

  private FakeResponse companies(FakeRequest request) {
    List<ObjectNode> all = data.get("companies");
    int perPage = Math.min(request.intParam("per_page", 15), PAGE_CAP);
    int page = request.intParam("page", 1);
    return FakeResponse.ok(Fakes.obj("type", "list", "data", Fakes.arr(Fakes.slice(all, (page - 1) * perPage,
        perPage)), "pages", Fakes.obj("type", "pages", "page", page, "per_page", perPage, "total_pages",
        (all.size() + perPage - 1) / perPage), "total_count", all.size()));
  }

  @Override
  public List<JsonNode> expected(String endpoint) {
    return List.copyOf(data.get(endpoint));
  }

  /** Two records updated after every other. */
  @Override
  public List<JsonNode> advance(String endpoint) {
    List<ObjectNode> list = data.get(endpoint);
    List<JsonNode> changed = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      ObjectNode r = list.remove(0);
      r.put("updated_at", clock += DAYS_2);
      list.add(r);
      changed.add(r);
    }
    return changed;
  }
}
