package dev.ingest.sources.contract.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Salesforce REST v66.0 (developer.salesforce.com/docs/platform/api-rest/guide/resources-query): OAuth 2.0
 * refresh-token grant at {@code /services/oauth2/token} (form fields, {@code {access_token, instance_url,
 * token_type}}, no expiry; {@code 400 invalid_grant}); {@code GET /query?q=SOQL} → {@code {totalSize, done,
 * nextRecordsUrl, records[{attributes{type,url},…}]}} with a host-relative {@code nextRecordsUrl}; SOQL datetime
 * literals {@code 2024-01-01T00:00:00Z} or {@code …+01:00} (the {@code +0000} form records carry is rejected as
 * MALFORMED_QUERY); {@code Sforce-Limit-Info}; 401 {@code [{"message","errorCode":"INVALID_SESSION_ID"}]}.
 * Salesforce has no 429: its request limit is 403 REQUEST_LIMIT_EXCEEDED.
 */
public final class SalesforceFake extends ProviderFake {
  public static final String CLIENT_ID = "3MVG9contract";
  public static final String CLIENT_SECRET = "contract-consumer-secret";
  public static final String REFRESH_TOKEN = "5Aep861contract-refresh";
  private static final String ACCESS = "00Dxx0000001gPL!contract-access";
  private static final Pattern SOQL = Pattern.compile("SELECT (.+) FROM (\\w+) WHERE SystemModstamp > (\\S+) "
      + "ORDER BY SystemModstamp ASC");
  private static final Pattern LITERAL = Pattern.compile("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d{1,3})?"
      + "(Z|[+-]\\d\\d:\\d\\d)");
  private static final DateTimeFormatter SERVED = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ");
  private static final Map<String, String> OBJECTS = Map.of("Account", "001", "Contact", "003", "Lead", "00Q",
      "Opportunity", "006", "Case", "500", "User", "005");
  private final Map<String, List<ObjectNode>> data = new LinkedHashMap<>();
  private final Map<String, List<ObjectNode>> cursors = new LinkedHashMap<>();
  private int clock;

  public SalesforceFake() {
    OBJECTS.keySet().forEach(type -> {
      for (int i = 0; i < 5; i++) {
        data.computeIfAbsent(type, k -> new ArrayList<>()).add(record(type, i));
      }
    });
  }

  private ObjectNode record(String type, int i) {
    String id = OBJECTS.get(type) + String.format("5g00000%08dAAA", data.getOrDefault(type, List.of()).size());
    String stamp = stamp(clock++);
    return Fakes.obj("attributes", Fakes.obj("type", type, "url", "/services/data/v66.0/sobjects/" + type + "/" + id),
        "Id", id, "Name", type + " " + i, "CreatedDate", stamp(0), "LastModifiedDate", stamp,
        "SystemModstamp", stamp, "OwnerId", "0055g00000ABCDEAAA");
  }

  private static String stamp(int hours) {
    return Fakes.at(hours).atOffset(ZoneOffset.UTC).format(SERVED);
  }

  @Override
  public String connector() {
    return "salesforce";
  }

  @Override
  public Map<String, String> secret() {
    return Map.of("client_id", CLIENT_ID, "client_secret", CLIENT_SECRET, "refresh_token", REFRESH_TOKEN);
  }

  @Override
  public Map<String, String> config() {
    return Map.of("base_url", baseUrl(), "login_url", serverUrl());
  }

  @Override
  protected String root() {
    return "/services/data/v66.0";
  }

  @Override
  protected FakeResponse unauthenticatedRoute(FakeRequest request) {
    if (!request.path().equals("/services/oauth2/token")) {
      return null;
    }
    boolean client = request.param("client_id").filter(CLIENT_ID::equals).isPresent()
        && request.param("client_secret").filter(CLIENT_SECRET::equals).isPresent();
    // the refresh-token grant, or the client credentials flow (its Run As user stands behind the token)
    boolean valid = client && (request.param("grant_type").filter("client_credentials"::equals).isPresent()
        || request.param("grant_type").filter("refresh_token"::equals).isPresent()
        && request.param("refresh_token").filter(REFRESH_TOKEN::equals).isPresent());
    if (!valid) {
      return FakeResponse.of(400, Fakes.obj("error", "invalid_grant", "error_description",
          "expired access/refresh token"));
    }
    return FakeResponse.ok(Fakes.obj("access_token", ACCESS, "signature", "contract", "scope", "api refresh_token",
        "instance_url", serverUrl(), "id", "https://login.salesforce.com/id/00Dxx/005xx", "token_type", "Bearer",
        "issued_at", "1704067200000"));
  }

  /** The client credentials flow uses the connected app's own consumer key and secret. */
  @Override
  public Map<String, String> alternativeSecret(String authMethod) {
    return Map.of("client_id", CLIENT_ID, "client_secret", CLIENT_SECRET);
  }

  @Override
  protected boolean authorized(FakeRequest request) {
    return bearer(request, ACCESS);
  }

  @Override
  protected FakeResponse unauthorized() {
    return FakeResponse.of(401, Fakes.mapper().valueToTree(List.of(Map.of("message", "Session expired or invalid",
        "errorCode", "INVALID_SESSION_ID"))));
  }

  @Override
  protected FakeResponse rateLimited() {
    return FakeResponse.of(403, Fakes.mapper().valueToTree(List.of(Map.of("message",
        "ConcurrentPerOrgLongTxn Limit exceeded.", "errorCode", "REQUEST_LIMIT_EXCEEDED"))));
  }

  @Override
  public boolean signalsRateLimitWait() {
    return false;
  }

  @Override
  protected Map<String, String> rateHeaders() {
    return Map.of("Sforce-Limit-Info", "api-usage=25/15000");
  }

  @Override
  protected FakeResponse route(FakeRequest request) {
    if (request.path().startsWith("/query/")) {
      String locator = request.path().substring("/query/".length());
      List<ObjectNode> rest = cursors.get(locator);
      return rest == null ? malformed("INVALID_QUERY_LOCATOR", "invalid query locator") : batch(rest);
    }
    if (!request.path().equals("/query")) {
      return null;
    }
    Matcher m = SOQL.matcher(request.param("q").orElse(""));
    if (!m.matches() || !data.containsKey(m.group(2))) {
      return malformed("MALFORMED_QUERY", "unexpected token");
    }
    if (!LITERAL.matcher(m.group(3)).matches()) {
      return malformed("MALFORMED_QUERY", "line 1:" + m.start(3) + " no viable alternative at character ' '");
    }
    OffsetDateTime after = OffsetDateTime.parse(m.group(3));
    List<ObjectNode> records = data.get(m.group(2)).stream().filter(r -> OffsetDateTime.parse(
        r.get("SystemModstamp").asText(), SERVED).isAfter(after)).toList();
    return batch(records);
  }

  private FakeResponse batch(List<ObjectNode> records) {
    List<ObjectNode> slice = Fakes.slice(records, 0, PAGE_CAP);
    boolean done = records.size() <= PAGE_CAP;
    ObjectNode body = Fakes.obj("totalSize", records.size(), "done", done, "records", Fakes.arr(slice));
    if (!done) {
      String locator = "01gRO0000016PIAYA2-" + (cursors.size() + 1) * 2000;
      cursors.put(locator, records.subList(PAGE_CAP, records.size()));
      body.put("nextRecordsUrl", root() + "/query/" + locator);
    }
    return FakeResponse.ok(body);
  }

  private static FakeResponse malformed(String code, String message) {
    return FakeResponse.of(400, Fakes.mapper().valueToTree(List.of(Map.of("message", message, "errorCode", code))));
  }

  @Override
  public List<JsonNode> expected(String endpoint) {
    return List.copyOf(data.get(type(endpoint)));
  }

  private static String type(String endpoint) {
    return switch (endpoint) {
      case "accounts" -> "Account";
      case "contacts" -> "Contact";
      case "leads" -> "Lead";
      case "opportunities" -> "Opportunity";
      case "cases" -> "Case";
      default -> "User";
    };
  }

  /** Two records modified after every other (SystemModstamp order). */
  @Override
  public List<JsonNode> advance(String endpoint) {
    clock += 10 + 2;
    return Fakes.touchFirstTwo(data.get(type(endpoint)), clock - 2, (r, hour) -> {
      r.put("SystemModstamp", stamp(hour));
      r.put("LastModifiedDate", r.get("SystemModstamp").asText());
    });
  }
}
