package dev.ingest.sources.contract.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Linear GraphQL (linear.app/developers/graphql, pagination): {@code POST /graphql} {@code {query, variables}};
 * relay connections {@code first} (≤ 250) / {@code after} → {@code {data:{<conn>:{nodes, pageInfo{hasNextPage,
 * endCursor}}}}}; {@code filter:{updatedAt:{gt:$since}}} and {@code orderBy: updatedAt}; a personal API key as the
 * raw {@code Authorization} header (a {@code Bearer} prefix is refused); errors {@code {errors:[{message,
 * extensions{code}}]}} (AUTHENTICATION_ERROR, RATELIMITED); {@code X-RateLimit-Requests-*} headers.
 */
public final class LinearFake extends ProviderFake {
  public static final String KEY = "lin_api_contract0123456789abcdefghijklmnopqrstuv";
  private static final Pattern CONNECTION = Pattern.compile("\\{\\s*(\\w+)\\(first:");
  private final Map<String, List<ObjectNode>> data = new LinkedHashMap<>();
  private int clock;
  private int uuid;

  public LinearFake() {
    for (int i = 0; i < 5; i++) {
      add("issues", Fakes.obj("id", id(), "identifier", "ENG-" + (i + 1), "number", i + 1, "title", "Issue " + i,
          "priority", 2, "createdAt", Fakes.iso(0), "updatedAt", Fakes.iso(clock++), "completedAt", null,
          "state", Fakes.obj("id", "s1", "name", "Todo", "type", "unstarted"), "team", Fakes.obj("id", "t1", "key",
              "ENG"), "assignee", null, "labelIds", Fakes.strings()));
      add("comments", Fakes.obj("id", id(), "body", "comment " + i, "createdAt", Fakes.iso(0), "updatedAt",
          Fakes.iso(clock++), "user", Fakes.obj("id", "u1"), "issue", Fakes.obj("id", "i1")));
      add("projects", Fakes.obj("id", id(), "name", "Project " + i, "state", "started", "progress", 0.5,
          "createdAt", Fakes.iso(0), "updatedAt", Fakes.iso(clock++)));
      add("cycles", Fakes.obj("id", id(), "number", i + 1, "startsAt", Fakes.iso(0), "endsAt", Fakes.iso(336)));
      add("teams", Fakes.obj("id", id(), "key", "T" + i, "name", "Team " + i, "private", false));
      add("users", Fakes.obj("id", id(), "name", "User " + i, "email", "u" + i + "@example.com", "active", true));
      add("workflowStates", Fakes.obj("id", id(), "name", "State " + i, "type", "started", "position", i));
    }
  }

  private String id() {
    return new UUID(0x8b2f4c1dL << 32, uuid++).toString();
  }

  private void add(String key, ObjectNode record) {
    data.computeIfAbsent(key, k -> new ArrayList<>()).add(record);
  }

  @Override
  public String connector() {
    return "linear";
  }

  @Override
  public Map<String, String> secret() {
    return Map.of("api_key", KEY);
  }

  @Override
  protected String root() {
    return "";
  }

  @Override
  protected boolean authorized(FakeRequest request) {
    return request.header("Authorization").filter(KEY::equals).isPresent();
  }

  private static ObjectNode error(String code, String message) {
    return Fakes.obj("errors", Fakes.arr(List.of(Fakes.obj("message", message, "extensions",
        Fakes.obj("code", code, "userPresentableMessage", message)))));
  }

  @Override
  protected FakeResponse unauthorized() {
    return FakeResponse.of(401, error("AUTHENTICATION_ERROR", "Authentication required, not authenticated"));
  }

  @Override
  protected FakeResponse rateLimited() {
    return FakeResponse.ok(error("RATELIMITED", "Rate limit exceeded"))
        .header("X-RateLimit-Requests-Limit", "5000").header("X-RateLimit-Requests-Remaining", "0")
        .header("X-RateLimit-Requests-Reset", Long.toString(Instant.now().toEpochMilli() + 1000));
  }

  @Override
  protected Map<String, String> rateHeaders() {
    return Map.of("X-RateLimit-Requests-Limit", "5000", "X-RateLimit-Requests-Remaining", "4990");
  }

  @Override
  protected FakeResponse route(FakeRequest request) {
    if (!request.path().equals("/graphql") || !request.method().equals("POST")) {
      return null;
    }
    String query = request.body().path("query").asText();
    JsonNode variables = request.body().path("variables");
    Matcher m = CONNECTION.matcher(query);
    if (!m.find() || !data.containsKey(m.group(1))) {
      return FakeResponse.of(400, error("GRAPHQL_VALIDATION_FAILED", "Cannot query field on type \"Query\"."));
    }
    String connection = m.group(1);
    int first = variables.path("first").asInt(50);
    if (first > 250) {
      return FakeResponse.of(400, error("INVALID_INPUT", "first must be at most 250"));
    }
    List<ObjectNode> nodes = new ArrayList<>(data.get(connection));
    if (query.contains("updatedAt: { gt: $since }")) {
      Instant since = Instant.parse(variables.path("since").asText());
      nodes.removeIf(n -> !Instant.parse(n.get("updatedAt").asText()).isAfter(since));
    }
    if (query.contains("orderBy: updatedAt")) {
      nodes.sort(Comparator.comparing(n -> n.get("updatedAt").asText()));
    }
    int from = variables.hasNonNull("after") ? indexAfter(nodes, variables.get("after").asText()) : 0;
    List<ObjectNode> slice = Fakes.slice(nodes, from, Math.min(first, PAGE_CAP));
    boolean more = from + slice.size() < nodes.size();
    ObjectNode pageInfo = Fakes.obj("hasNextPage", more, "endCursor",
        slice.isEmpty() ? null : slice.get(slice.size() - 1).get("id").asText());
    return FakeResponse.ok(Fakes.obj("data", Fakes.obj(connection, Fakes.obj("nodes", Fakes.arr(slice),
        "pageInfo", pageInfo))));
  }

  private static int indexAfter(List<ObjectNode> nodes, String id) {
    for (int i = 0; i < nodes.size(); i++) {
      if (nodes.get(i).get("id").asText().equals(id)) {
        return i + 1;
      }
    }
    return nodes.size();
  }

  @Override
  public List<JsonNode> expected(String endpoint) {
    return List.copyOf(data.get(endpoint.equals("workflow_states") ? "workflowStates" : endpoint));
  }

  /** Two records updated after every other. */
  @Override
  public List<JsonNode> advance(String endpoint) {
    clock += 10 + 2;
    return Fakes.touchFirstTwo(data.get(endpoint), clock - 2, (r, hour) -> {
      r.put("updatedAt", Fakes.iso(hour));
    });
  }
}
