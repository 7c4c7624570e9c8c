package dev.ingest.sources.contract.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * HubSpot CRM v3 (HubSpot-public-api-spec-collection, CRM/Contacts v3): objects {@code {id, properties{…},
 * createdAt, updatedAt, archived}}; {@code POST /crm/v3/objects/{type}/search} with {@code filterGroups} (GTE on
 * a date property, ISO or epoch ms), {@code sorts}, {@code limit} ≤ 200 and {@code after} in the body; lists and
 * searches answer {@code {results, paging:{next:{after, link}}}} without {@code paging} on the last page;
 * {@code X-HubSpot-RateLimit-*} headers; errors {@code {status:"error", message, category, correlationId}}.
 * {@code GET /crm/v3/objects/contacts} lists live contacts, with {@code archived=true} only archived ones
 * ({@code "archived": true}); archived contacts are not found by the search API.
 */
public final class HubSpotFake extends ProviderFake {
  public static final String TOKEN = "pat-na1-contract-0000-1111-2222";
  private static final Pattern SEARCH = Pattern.compile("/crm/v3/objects/(contacts|companies|deals|tickets)/search");
  private static final Map<String, String> MODIFIED = Map.of("contacts", "lastmodifieddate", "companies",
      "hs_lastmodifieddate", "deals", "hs_lastmodifieddate", "tickets", "hs_lastmodifieddate");
  private final Map<String, List<ObjectNode>> objects = new LinkedHashMap<>();
  private final List<ObjectNode> owners = new ArrayList<>();
  private final List<ObjectNode> pipelines = new ArrayList<>();
  private final List<ObjectNode> archived = new ArrayList<>();
  private int clock;
  private long ids = 512;

  public HubSpotFake() {
    for (String type : List.of("contacts", "companies", "deals", "tickets")) {
      for (int i = 0; i < 7; i++) {
        objects.computeIfAbsent(type, k -> new ArrayList<>()).add(object(type, i));
      }
    }
    for (int i = 0; i < 4; i++) {
      owners.add(Fakes.obj("id", Long.toString(41_000 + i), "email", "owner" + i + "@example.com", "firstName",
          "Owner", "lastName", Integer.toString(i), "userId", 9_000 + i, "createdAt", Fakes.iso(i),
          "updatedAt", Fakes.iso(i), "archived", false));
    }
    for (int i = 0; i < 2; i++) { // archived before the first run: their ids are in no live list
      ObjectNode gone = object("contacts", 100 + i);
      gone.put("archived", true);
      gone.put("archivedAt", gone.get("updatedAt").asText());
      archived.add(gone);
    }
    pipelines.add(Fakes.obj("id", "default", "label", "Sales Pipeline", "displayOrder", 0, "stages", Fakes.arr(
        List.of(Fakes.obj("id", "appointmentscheduled", "label", "Appointment Scheduled", "displayOrder", 0)))));
  }

  private ObjectNode object(String type, int i) {
    String id = Long.toString(ids++);
    String modified = Fakes.iso(clock++);
    ObjectNode properties = Fakes.obj("createdate", Fakes.iso(0), MODIFIED.get(type), modified, "hs_object_id", id);
    switch (type) {
      case "contacts" -> properties.setAll(Fakes.obj("email", "contact" + i + "@example.com", "firstname",
          "Ada", "lastname", "Lovelace " + i));
      case "companies" -> properties.setAll(Fakes.obj("name", "Company " + i, "domain", "c" + i + ".example"));
      case "deals" -> properties.setAll(Fakes.obj("dealname", "Deal " + i, "amount", "1000", "dealstage",
          "appointmentscheduled", "pipeline", "default"));
      default -> properties.setAll(Fakes.obj("subject", "Ticket " + i, "hs_pipeline", "0",
          "hs_pipeline_stage", "1"));
    }
    return Fakes.obj("id", id, "properties", properties, "createdAt", Fakes.iso(0), "updatedAt", modified,
        "archived", false);
  }

  @Override
  public String connector() {
    return "hubspot";
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

  @Override
  protected FakeResponse unauthorized() {
    return FakeResponse.of(401, Fakes.obj("status", "error", "message", "Authentication credentials not found. "
        + "This API supports OAuth 2.0 authentication and you can find more details at "
        + "https://developers.hubspot.com/docs/methods/auth/oauth-overview", "correlationId",
        "2f8c0b1e-0000-4000-8000-000000000000", "category", "INVALID_AUTHENTICATION"));
  }

  @Override
  protected FakeResponse rateLimited() {
    return FakeResponse.of(429, Fakes.obj("status", "error", "message", "You have reached your secondly limit.",
        "errorType", "RATE_LIMIT", "correlationId", "6a1c0b1e-0000-4000-8000-000000000000",
        "policyName", "SECONDLY"));
  }

  @Override
  protected Map<String, String> rateHeaders() {
    return Map.of("X-HubSpot-RateLimit-Max", "100", "X-HubSpot-RateLimit-Remaining", "97",
        "X-HubSpot-RateLimit-Interval-Milliseconds", "10000");
  }

  @Override
  protected FakeResponse route(FakeRequest request) {
    Matcher m = SEARCH.matcher(request.path());
    if (m.matches() && request.method().equals("POST")) {
      return search(m.group(1), request);
    }
    if (request.path().equals("/crm/v3/objects/contacts") && request.method().equals("GET")) {
      boolean onlyArchived = request.param("archived").map(Boolean::parseBoolean).orElse(false);
      int after = request.param("after").map(Integer::parseInt).orElse(0);
      return list(onlyArchived ? archived : objects.get("contacts"), after, request.intParam("limit", 10),
          request.path());
    }
    if (request.path().equals("/crm/v3/owners")) {
      int after = request.param("after").map(Integer::parseInt).orElse(0);
      return list(owners, after, request.intParam("limit", 10), "/crm/v3/owners");
    }
    if (request.path().equals("/crm/v3/pipelines/deals")) {
      return FakeResponse.ok(Fakes.obj("results", Fakes.arr(pipelines)));
    }
    return null;
  }

  private FakeResponse search(String type, FakeRequest request) {
    JsonNode body = request.body();
    int limit = body.path("limit").asInt(10);
    if (limit > 200) {
      return FakeResponse.of(400, Fakes.obj("status", "error", "message", "limit must be at most 200",
          "category", "VALIDATION_ERROR"));
    }
    List<ObjectNode> matching = new ArrayList<>(objects.get(type));
    for (JsonNode group : body.path("filterGroups")) {
      for (JsonNode filter : group.path("filters")) {
        String property = filter.get("propertyName").asText();
        if (!filter.get("operator").asText().equals("GTE")) {
          return FakeResponse.of(400, Fakes.obj("status", "error", "message", "fake supports GTE only"));
        }
        Instant from = instant(filter.get("value").asText());
        matching.removeIf(o -> instant(o.path("properties").path(property).asText()).isBefore(from));
      }
    }
    for (JsonNode sort : body.path("sorts")) {
      String property = sort.get("propertyName").asText();
      Comparator<ObjectNode> order = Comparator.comparing(o -> instant(o.path("properties").path(property).asText()));
      matching.sort(sort.path("direction").asText().equals("DESCENDING") ? order.reversed() : order);
    }
    int after = body.path("after").isMissingNode() ? 0 : Integer.parseInt(body.get("after").asText());
    FakeResponse response = list(matching, after, limit, request.path());
    return response;
  }

  private static Instant instant(String value) {
    return value.matches("\\d+") ? Instant.ofEpochMilli(Long.parseLong(value)) : Instant.parse(value);
  }

  private FakeResponse list(List<ObjectNode> records, int after, int limit, String path) {
    int size = Math.min(limit, PAGE_CAP);
    List<ObjectNode> page = Fakes.slice(records, after, size);
    ObjectNode body = Fakes.obj("total", records.size(), "results", Fakes.arr(page));
    if (after + page.size() < records.size()) {
      String next = Integer.toString(after + page.size());
      body.set("paging", Fakes.obj("next", Fakes.obj("after", next, "link", url(path, Map.of("after", next)))));
    }
    return FakeResponse.ok(body);
  }

  @Override
  public List<JsonNode> expected(String endpoint) {
    return switch (endpoint) {
      case "owners" -> List.copyOf(owners);
      case "deal_pipelines" -> List.copyOf(pipelines);
      case "archived_contacts" -> List.copyOf(archived);
      default -> List.copyOf(objects.get(endpoint));
    };
  }

  /**
   * Archives the first {@code n} live contacts (as {@code DELETE /crm/v3/objects/contacts/{id}} does): they leave the
   * list and the search results and appear in the {@code archived=true} list.
   *
   * @return the archived contacts' ids
   */
  public List<String> archiveContacts(int n) {
    List<String> ids = new ArrayList<>();
    List<ObjectNode> live = objects.get("contacts");
    for (int i = 0; i < n; i++) {
      ObjectNode contact = live.remove(0);
      String at = Fakes.iso(clock++);
      contact.put("archived", true);
      contact.put("archivedAt", at);
      contact.put("updatedAt", at);
      archived.add(contact);
      ids.add(contact.get("id").asText());
    }
    return ids;
  }

  /** Two records modified after every other (moved to the end of the ascending order). */
  @Override
  public List<JsonNode> advance(String endpoint) {
    clock += 10 + 2;
    return Fakes.touchFirstTwo(objects.get(endpoint), clock - 2, (o, hour) -> {
      String at = Fakes.iso(hour);
      ((ObjectNode) o.get("properties")).put(MODIFIED.get(endpoint), at);
      o.put("updatedAt", at);
    });
  }
}
