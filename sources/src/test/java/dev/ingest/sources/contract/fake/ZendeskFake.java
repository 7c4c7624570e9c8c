package dev.ingest.sources.contract.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Zendesk Support API v2 cursor pagination (developer.zendesk.com/api-reference/introduction/pagination):
 * {@code page[size]} (≤ 100) + {@code page[after]}; {@code {"<resource>":[…], "meta":{has_more, after_cursor,
 * before_cursor}, "links":{next, prev}}}; Basic {@code email/token:api_token}; {@code X-Rate-Limit} and
 * {@code X-Rate-Limit-Remaining}; 429 with {@code Retry-After}; 401 {@code {"error":"Couldn't authenticate you"}}.
 *
 * <p>Tickets through the cursor-based incremental export (developer.zendesk.com/api-reference/ticketing/
 * ticket-management/incremental_exports): {@code GET /incremental/tickets/cursor.json?start_time=<unix>} (required on
 * the first request; 400 without it), then {@code ?cursor=} only; {@code {"tickets":[…], "after_url", "after_cursor",
 * "before_url", "before_cursor", "end_of_stream"}} in {@code updated_at} order. The last page still carries an
 * {@code after_url} (to poll from later): only {@code end_of_stream: true} ends the export.
 */
public final class ZendeskFake extends ProviderFake {
  public static final String EMAIL = "agent@acme.example";
  public static final String API_TOKEN = "zd-contract-6wiIBWbGkBMo1mRDMuVwkw1EPsNkeUj95PIz2akv";
  private static final List<String> RESOURCES = List.of("tickets", "users", "organizations", "groups",
      "ticket_fields", "satisfaction_ratings");
  private static final Pattern COMMENTS = Pattern.compile("/tickets/(\\d+)/comments");
  private final Map<String, List<ObjectNode>> data = new LinkedHashMap<>();
  private static final String EXPORT = "/incremental/tickets/cursor.json";
  private long ids = 35_436;
  private int clock = 24 * 30;

  public ZendeskFake() {
    for (String resource : RESOURCES) {
      for (int i = 0; i < 5; i++) {
        ObjectNode record = Fakes.obj("id", ids++, "url", "https://acme.zendesk.com/api/v2/" + resource + "/" + ids
            + ".json", "created_at", Fakes.iso(i), "updated_at", Fakes.iso(i + 1));
        if (resource.equals("tickets")) {
          record.setAll(Fakes.obj("subject", "Help " + i, "description", "text", "status", "open", "priority", null,
              "requester_id", 20_978_392, "assignee_id", null, "tags", Fakes.strings("vip"),
              "custom_fields", Fakes.arr(List.of(Fakes.obj("id", 27_642, "value", "745")))));
          for (int c = 0; c < 2; c++) {
            data.computeIfAbsent("comments/" + record.get("id").asText(), k -> new ArrayList<>()).add(Fakes.obj(
                "id", ids++, "type", "Comment", "author_id", 123, "body", "comment " + c, "public", true,
                "created_at", Fakes.iso(c)));
          }
        } else {
          record.put("name", resource + " " + i);
        }
        data.computeIfAbsent(resource, k -> new ArrayList<>()).add(record);
      }
    }
  }

  @Override
  public String connector() {
    return "zendesk";
  }

  @Override
  public Map<String, String> secret() {
    return Map.of("email", EMAIL, "api_token", API_TOKEN);
  }

  @Override
  protected String root() {
    return "/api/v2";
  }

  @Override
  protected boolean authorized(FakeRequest request) {
    return basic(request, EMAIL + "/token", API_TOKEN);
  }

  @Override
  protected FakeResponse unauthorized() {
    return FakeResponse.of(401, Fakes.obj("error", "Couldn't authenticate you"));
  }

  @Override
  protected FakeResponse rateLimited() {
    return FakeResponse.of(429, Fakes.obj("error", "APIRateLimitExceeded", "description",
        "Number of allowed API requests per minute exceeded")).header("Retry-After", "3");
  }

  @Override
  protected Map<String, String> rateHeaders() {
    return Map.of("X-Rate-Limit", "700", "X-Rate-Limit-Remaining", "690");
  }

  @Override
  protected FakeResponse notFound(FakeRequest request) {
    return FakeResponse.of(404, Fakes.obj("error", "InvalidEndpoint", "description", "Not found"));
  }

  @Override
  protected FakeResponse route(FakeRequest request) {
    Matcher m = COMMENTS.matcher(request.path());
    if (m.matches()) {
      return page(request, "comments", data.getOrDefault("comments/" + m.group(1), List.of()));
    }
    if (request.path().equals(EXPORT)) {
      return export(request);
    }
    String resource = request.path().substring(1).replace(".json", "");
    return RESOURCES.contains(resource) ? page(request, resource, data.get(resource)) : null;
  }

  private FakeResponse page(FakeRequest request, String key, List<ObjectNode> records) {
    int size = request.intParam("page[size]", 100);
    if (size > 100) {
      return FakeResponse.of(400, Fakes.obj("error", "InvalidPaginationParameter", "description",
          "page[size] must be less than or equal to 100"));
    }
    int from = request.param("page[after]").map(ZendeskFake::decode).orElse(0);
    List<ObjectNode> slice = Fakes.slice(records, from, Math.min(size, PAGE_CAP));
    boolean more = from + slice.size() < records.size();
    String after = slice.isEmpty() ? null : encode(from + slice.size());
    String before = slice.isEmpty() ? null : encode(from);
    ObjectNode body = Fakes.obj(key, Fakes.arr(slice),
        "meta", Fakes.obj("has_more", more, "after_cursor", after, "before_cursor", before),
        "links", Fakes.obj("next", more ? url(request.path(), Map.of("page[size]", Integer.toString(size),
            "page[after]", after)) : null, "prev", null));
    return FakeResponse.ok(body);
  }

  private FakeResponse export(FakeRequest request) {
    long startTime;
    int from;
    Optional<String> cursor = request.param("cursor");
    if (cursor.isPresent()) {
      String[] position = new String(Base64.getUrlDecoder().decode(cursor.get()), StandardCharsets.UTF_8).split(":");
      startTime = Long.parseLong(position[0]);
      from = Integer.parseInt(position[1]);
    } else {
      Optional<String> start = request.param("start_time").filter(t -> t.matches("\\d+"));
      if (start.isEmpty()) {
        return FakeResponse.of(400, Fakes.obj("error", "InvalidValue", "description",
            "Invalid search: start_time or cursor is required"));
      }
      startTime = Long.parseLong(start.get());
      from = 0;
    }
    List<ObjectNode> changed = data.get("tickets").stream()
        .filter(t -> Instant.parse(t.get("updated_at").asText()).getEpochSecond() >= startTime).toList();
    List<ObjectNode> slice = Fakes.slice(changed, from, PAGE_CAP);
    String after = Base64.getUrlEncoder().withoutPadding().encodeToString((startTime + ":" + (from + slice.size()))
        .getBytes(StandardCharsets.UTF_8));
    return FakeResponse.ok(Fakes.obj("tickets", Fakes.arr(slice),
        "after_url", url(request.path(), Map.of("cursor", after)), "after_cursor", after,
        "before_url", null, "before_cursor", null, "end_of_stream", from + slice.size() >= changed.size()));
  }

  /** Two tickets are updated (a later {@code updated_at}); the export serves them last. */
  @Override
  public List<JsonNode> advance(String endpoint) {
    clock += 10 + 2;
    return Fakes.touchFirstTwo(data.get("tickets"), clock - 2, (ticket, hour) -> {
      ticket.put("updated_at", Fakes.iso(hour));
    });
  }

  private static String encode(int index) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(("{\"o\":" + index + "}")
        .getBytes(StandardCharsets.UTF_8));
  }

  private static int decode(String cursor) {
    String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
    return Integer.parseInt(text.replaceAll("\\D", ""));
  }

  @Override
  public List<JsonNode> expected(String endpoint) {
    if (endpoint.equals("ticket_comments")) {
      List<JsonNode> out = new ArrayList<>();
      data.get("tickets").forEach(t -> out.addAll(data.get("comments/" + t.get("id").asText())));
      return out;
    }
    return List.copyOf(data.get(endpoint));
  }
}
