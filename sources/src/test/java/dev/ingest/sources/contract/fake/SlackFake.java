package dev.ingest.sources.contract.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Slack Web API (docs.slack.dev/apis/web-api/pagination): {@code {"ok":true,"<key>":[…],
 * "response_metadata":{"next_cursor":""}}} with {@code limit} + {@code cursor} (empty string at the end);
 * {@code conversations.history} newest first with an exclusive {@code oldest}; {@code files.list} page-numbered
 * with {@code paging{count,total,page,pages}}; errors are HTTP 200 {@code {"ok":false,"error":"invalid_auth"}};
 * rate limits 429 with {@code Retry-After}.
 */
public final class SlackFake extends ProviderFake {
  public static final String TOKEN = "xoxb-contract-1234567890-abcdefghijkl";
  private final Map<String, List<ObjectNode>> data = new LinkedHashMap<>();
  private long clock = 1_704_067_200L;
  private int ids;

  public SlackFake() {
    for (int c = 0; c < 2; c++) {
      ObjectNode channel = Fakes.obj("id", "C0" + (1000 + c), "name", "general-" + c, "is_channel", true,
          "is_private", c == 1, "is_archived", false, "created", 1_449_252_889, "num_members", 4);
      add("channels", channel);
      for (int m = 0; m < 4; m++) {
        message(channel.get("id").asText());
      }
    }
    for (int i = 0; i < 5; i++) {
      add("users", Fakes.obj("id", "U0" + (2000 + i), "team_id", "T012AB3C4", "name", "user" + i, "deleted", false,
          "real_name", "User " + i, "is_bot", false, "updated", 1_502_138_686));
      add("files", Fakes.obj("id", "F0" + (3000 + i), "created", 1_531_763_342 + i, "name", "file" + i + ".png",
          "title", "File " + i, "mimetype", "image/png", "filetype", "png", "user", "U02000", "size", 1024));
    }
    add("usergroups", Fakes.obj("id", "S0614TZR7", "team_id", "T012AB3C4", "is_usergroup", true, "name",
        "Team Admins", "handle", "admins", "date_create", 1_446_598_059, "user_count", 2));
  }

  private ObjectNode message(String channel) {
    String ts = BigDecimal.valueOf(clock += 3600).add(new BigDecimal("0.000100")).toPlainString();
    ObjectNode message = Fakes.obj("type", "message", "user", "U02000", "text", "message " + ids++, "ts", ts);
    add("messages/" + channel, message);
    return message;
  }

  private void add(String key, ObjectNode record) {
    data.computeIfAbsent(key, k -> new ArrayList<>()).add(record);
  }

  @Override
  public String connector() {
    return "slack";
  }

  @Override
  public Map<String, String> secret() {
    return Map.of("token", TOKEN);
  }

  @Override
  protected String root() {
    return "/api";
  }

  @Override
  protected boolean authorized(FakeRequest request) {
    return bearer(request, TOKEN);
  }

  @Override
  protected FakeResponse unauthorized() {
    return FakeResponse.ok(Fakes.obj("ok", false, "error", "invalid_auth"));
  }

  @Override
  protected FakeResponse rateLimited() {
    return FakeResponse.of(429, Fakes.obj("ok", false, "error", "ratelimited")).header("Retry-After", "1");
  }

  @Override
  protected FakeResponse notFound(FakeRequest request) {
    return FakeResponse.of(404, Fakes.obj("ok", false, "error", "unknown_method"));
  }

  @Override
  protected FakeResponse route(FakeRequest request) {
    return switch (request.path()) {
      case "/conversations.list" -> cursorList(request, "channels", data.get("channels"));
      case "/users.list" -> cursorList(request, "members", data.get("users"));
      case "/usergroups.list" -> FakeResponse.ok(Fakes.obj("ok", true, "usergroups",
          Fakes.arr(data.get("usergroups"))));
      case "/conversations.history" -> history(request);
      case "/files.list" -> files(request);
      default -> null;
    };
  }

  private FakeResponse history(FakeRequest request) {
    String channel = request.param("channel").orElse("");
    if (!data.containsKey("messages/" + channel)) {
      return FakeResponse.ok(Fakes.obj("ok", false, "error", "channel_not_found"));
    }
    List<ObjectNode> messages = newestFirst(channel);
    request.param("oldest").map(BigDecimal::new).ifPresent(oldest ->
        messages.removeIf(m -> new BigDecimal(m.get("ts").asText()).compareTo(oldest) <= 0));
    FakeResponse response = cursorList(request, "messages", messages);
    return response;
  }

  private List<ObjectNode> newestFirst(String channel) {
    List<ObjectNode> messages = new ArrayList<>(data.get("messages/" + channel));
    messages.sort(Comparator.comparing((ObjectNode m) -> new BigDecimal(m.get("ts").asText())).reversed());
    return messages;
  }

  private FakeResponse cursorList(FakeRequest request, String key, List<ObjectNode> records) {
    int limit = Math.min(request.intParam("limit", 100), 1000);
    int from = request.param("cursor").filter(c -> !c.isEmpty())
        .map(c -> Integer.parseInt(new String(Base64.getDecoder().decode(c), StandardCharsets.UTF_8).substring(5)))
        .orElse(0);
    List<ObjectNode> slice = Fakes.slice(records, from, Math.min(limit, PAGE_CAP));
    boolean more = from + slice.size() < records.size();
    String next = more ? Base64.getEncoder().encodeToString(("user:" + (from + slice.size()))
        .getBytes(StandardCharsets.UTF_8)) : "";
    ObjectNode body = Fakes.obj("ok", true, key, Fakes.arr(slice), "response_metadata",
        Fakes.obj("next_cursor", next));
    if (key.equals("messages")) {
      body.put("has_more", more);
    }
    return FakeResponse.ok(body);
  }

  private FakeResponse files(FakeRequest request) {
    List<ObjectNode> files = data.get("files");
    int count = Math.min(request.intParam("count", 100), PAGE_CAP);
    int page = request.intParam("page", 1);
    int pages = (files.size() + count - 1) / count;
    return FakeResponse.ok(Fakes.obj("ok", true, "files", Fakes.arr(Fakes.slice(files, (page - 1) * count, count)),
        "paging", Fakes.obj("count", count, "total", files.size(), "page", page, "pages", pages)));
  }

  @Override
  public List<JsonNode> expected(String endpoint) {
    if (endpoint.equals("messages")) {
      List<JsonNode> out = new ArrayList<>();
      data.get("channels").forEach(c -> out.addAll(newestFirst(c.get("id").asText())));
      return out;
    }
    return List.copyOf(data.get(endpoint));
  }

  /** One new message per channel. */
  @Override
  public List<JsonNode> advance(String endpoint) {
    List<JsonNode> changed = new ArrayList<>();
    data.get("channels").forEach(c -> changed.add(message(c.get("id").asText())));
    return changed;
  }
}
