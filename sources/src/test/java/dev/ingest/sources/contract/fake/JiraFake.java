package dev.ingest.sources.contract.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Jira Cloud REST v3 (developer.atlassian.com/cloud/jira/platform/rest/v3): {@code GET /rest/api/3/search/jql}
 * with {@code jql} (unbounded queries rejected), {@code fields}, {@code maxResults}, {@code nextPageToken} →
 * {@code {issues, nextPageToken, isLast}}; PageBeans {@code {startAt, maxResults, total, isLast, values}};
 * comments {@code {startAt, maxResults, total, comments}}; {@code /users/search} and {@code /field} plain arrays;
 * Basic {@code email:api_token}; 401 {@code {"errorMessages":[…],"errors":{}}}; 429 with {@code Retry-After} and
 * {@code X-RateLimit-*}. Timestamps like {@code 2024-01-01T10:00:00.000+0000}. The search honours
 * {@code updated >= "yyyy/MM/dd HH:mm"} (minute precision, the account's zone: UTC here; a malformed date is a 400
 * like Jira's) and {@code ORDER BY updated ASC}.
 */
public final class JiraFake extends ProviderFake {
  public static final String EMAIL = "jira-bot@acme.example";
  public static final String API_TOKEN = "ATATT3xFfGF0contract";
  private static final Pattern COMMENTS = Pattern.compile("/rest/api/3/issue/(\\d+)/comment");
  private static final Pattern UPDATED_SINCE = Pattern.compile("updated >= \"([^\"]*)\"");
  private static final DateTimeFormatter JQL_TIME =
      DateTimeFormatter.ofPattern("yyyy/MM/dd HH:mm", Locale.ROOT).withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter SERVED =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ", Locale.ROOT).withZone(ZoneOffset.UTC);
  private int clock = 24 * 30;
  private final Map<String, List<ObjectNode>> data = new LinkedHashMap<>();
  private final Map<String, Integer> tokens = new LinkedHashMap<>();

  public JiraFake() {
    for (int i = 0; i < 5; i++) {
      String id = Integer.toString(10_000 + i);
      add("issues", Fakes.obj("id", id, "key", "ENG-" + (i + 1), "self", "https://acme.atlassian.net/rest/api/3/issue/"
          + id, "fields", Fakes.obj("summary", "Issue " + i, "status", Fakes.obj("name", "To Do", "statusCategory",
          Fakes.obj("key", "new")), "issuetype", Fakes.obj("name", "Bug"), "project", Fakes.obj("id", "10000",
          "key", "ENG"), "assignee", null, "labels", Fakes.strings("backend"), "created",
          "2024-01-01T10:00:00.000+0000", "updated", "2024-01-0" + (i + 1) + "T10:00:00.000+0000")));
      for (int c = 0; c < 2; c++) {
        add("comments/" + id, Fakes.obj("id", Integer.toString(20_000 + i * 10 + c), "author", Fakes.obj(
            "accountId", "5b10a2844c20165700ede21g"), "body", Fakes.obj("type", "doc", "version", 1), "created",
            "2024-01-02T10:00:00.000+0000", "updated", "2024-01-02T10:00:00.000+0000"));
      }
      add("projects", Fakes.obj("id", Integer.toString(10_000 + i), "key", "P" + i, "name", "Project " + i,
          "projectTypeKey", "software", "simplified", false));
      add("users", Fakes.obj("accountId", "5b10ac8d82e05b22cc7d4e" + i, "accountType", "atlassian",
          "displayName", "User " + i, "active", true));
      add("fields", Fakes.obj("id", "customfield_1000" + i, "name", "Field " + i, "custom", true,
          "schema", Fakes.obj("type", "string")));
      add("boards", Fakes.obj("id", 84 + i, "name", "Board " + i, "type", "scrum"));
    }
  }

  private void add(String key, ObjectNode record) {
    data.computeIfAbsent(key, k -> new ArrayList<>()).add(record);
  }

  @Override
  public String connector() {
    return "jira";
  }

  @Override
  public Map<String, String> secret() {
    return Map.of("email", EMAIL, "api_token", API_TOKEN);
  }

  @Override
  protected String root() {
    return "";
  }

  @Override
  protected boolean authorized(FakeRequest request) {
    return basic(request, EMAIL, API_TOKEN);
  }

  @Override
  protected FakeResponse unauthorized() {
    return FakeResponse.of(401, Fakes.obj("errorMessages", Fakes.strings(
        "You do not have permission to see the specified issue.", "Login Required"), "errors", Fakes.obj()));
  }

  @Override
  protected FakeResponse rateLimited() {
    return FakeResponse.of(429, Fakes.obj("errorMessages", Fakes.strings("Rate limit exceeded."), "errors",
        Fakes.obj())).header("Retry-After", "5").header("X-RateLimit-Limit", "350")
        .header("X-RateLimit-Remaining", "0").header("RateLimit-Reason", "jira-burst-based");
  }

  @Override
  protected FakeResponse route(FakeRequest request) {
    String path = request.path();
    int max = Math.min(request.intParam("maxResults", 50), PAGE_CAP);
    int startAt = request.intParam("startAt", 0);
    Matcher m = COMMENTS.matcher(path);
    if (m.matches()) {
      List<ObjectNode> comments = data.getOrDefault("comments/" + m.group(1), List.of());
      return FakeResponse.ok(Fakes.obj("startAt", startAt, "maxResults", max, "total", comments.size(),
          "comments", Fakes.arr(Fakes.slice(comments, startAt, max))));
    }
    return switch (path) {
      case "/rest/api/3/search/jql" -> search(request, max);
      case "/rest/api/3/project/search" -> pageBean(data.get("projects"), startAt, max);
      case "/rest/agile/1.0/board" -> pageBean(data.get("boards"), startAt, max);
      case "/rest/api/3/users/search" -> FakeResponse.ok(Fakes.arr(Fakes.slice(data.get("users"), startAt, max)));
      case "/rest/api/3/field" -> FakeResponse.ok(Fakes.arr(data.get("fields")));
      default -> null;
    };
  }

  private FakeResponse search(FakeRequest request, int max) {
    String jql = request.param("jql").orElse("");
    if (!jql.contains("updated >=") && !jql.contains("project")) {
      return FakeResponse.of(400, Fakes.obj("errorMessages", Fakes.strings(
          "Unbounded JQL queries are not allowed here. Please add a search restriction to your query."),
          "errors", Fakes.obj()));
    }
    Instant since;
    Matcher m = UPDATED_SINCE.matcher(jql);
    try {
      since = m.find() ? JQL_TIME.parse(m.group(1), Instant::from) : Instant.EPOCH;
    } catch (DateTimeParseException e) {
      return FakeResponse.of(400, Fakes.obj("errorMessages", Fakes.strings("Date value '" + m.group(1)
          + "' for field 'updated' is invalid. Valid formats include: 'yyyy/MM/dd HH:mm', 'yyyy-MM-dd HH:mm', "
          + "'yyyy/MM/dd', 'yyyy-MM-dd', or a period format e.g. '-5d', '4w 2d'."), "errors", Fakes.obj()));
    }
    int from = request.param("nextPageToken").map(tokens::get).orElse(0);
    List<ObjectNode> issues = data.get("issues").stream()
        .filter(i -> !updated(i).isBefore(since))
        .sorted(Comparator.comparing(JiraFake::updated)).toList();
    List<ObjectNode> slice = Fakes.slice(issues, from, max);
    boolean last = from + slice.size() >= issues.size();
    ObjectNode body = Fakes.obj("issues", Fakes.arr(slice), "isLast", last);
    if (!last) {
      String token = "CAEaAggD" + tokens.size();
      tokens.put(token, from + slice.size());
      body.put("nextPageToken", token);
    }
    return FakeResponse.ok(body);
  }

  private static FakeResponse pageBean(List<ObjectNode> values, int startAt, int max) {
    List<ObjectNode> slice = Fakes.slice(values, startAt, max);
    return FakeResponse.ok(Fakes.obj("self", "https://acme.atlassian.net", "maxResults", max, "startAt", startAt,
        "total", values.size(), "isLast", startAt + slice.size() >= values.size(), "values", Fakes.arr(slice)));
  }

  private static Instant updated(JsonNode issue) {
    return SERVED.parse(issue.get("fields").get("updated").asText(), Instant::from);
  }

  /** Two issues are updated (a later {@code fields.updated}, each in its own minute). */
  @Override
  public List<JsonNode> advance(String endpoint) {
    clock += 24 + 2;
    return Fakes.touchFirstTwo(data.get("issues"), clock - 2, (issue, hour) -> {
      ((ObjectNode) issue.get("fields")).put("updated", SERVED.format(Fakes.at(hour)));
    });
  }

  @Override
  public List<JsonNode> expected(String endpoint) {
    if (endpoint.equals("issue_comments")) {
      List<JsonNode> out = new ArrayList<>();
      data.get("issues").forEach(i -> out.addAll(data.get("comments/" + i.get("id").asText())));
      return out;
    }
    return List.copyOf(data.get(endpoint));
  }
}
