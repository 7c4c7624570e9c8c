package dev.ingest.sources.contract.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Notion API 2025-09-03 (developers.notion.com/reference/intro#pagination): {@code {"object":"list","results",
 * "next_cursor","has_more","type"}}; {@code page_size} ≤ 100 and {@code start_cursor} in the query (GET) or the
 * JSON body (POST /search with {@code filter.value} {@code page} or {@code data_source}); {@code Notion-Version}
 * required (400 {@code missing_version}); 401 {@code unauthorized}; 429 {@code rate_limited} with
 * {@code Retry-After}.
 */
public final class NotionFake extends ProviderFake {
  public static final String TOKEN = "ntn_contract_4b1d2c3e4f5a6b7c8d9e";
  private static final Pattern CHILDREN = Pattern.compile("/blocks/([0-9a-f-]+)/children");
  private final Map<String, List<ObjectNode>> data = new LinkedHashMap<>();
  private int uuid;

  public NotionFake() {
    for (int i = 0; i < 4; i++) {
      add("users", Fakes.obj("object", "user", "id", id(), "type", "person", "name", "Person " + i,
          "avatar_url", null, "person", Fakes.obj("email", "p" + i + "@example.com")));
      ObjectNode page = Fakes.obj("object", "page", "id", id(), "created_time", Fakes.iso(i), "last_edited_time",
          Fakes.iso(i + 1), "created_by", Fakes.obj("object", "user", "id", "u1"), "archived", false,
          "in_trash", false, "parent", Fakes.obj("type", "workspace", "workspace", true),
          "url", "https://www.notion.so/Page-" + i, "properties", Fakes.obj("title", Fakes.obj("id", "title",
              "type", "title", "title", Fakes.arr(List.of(Fakes.obj("plain_text", "Page " + i))))));
      add("pages", page);
      add("data_sources", Fakes.obj("object", "data_source", "id", id(), "created_time", Fakes.iso(i),
          "last_edited_time", Fakes.iso(i + 1), "title", Fakes.arr(List.of(Fakes.obj("plain_text", "DB " + i))),
          "parent", Fakes.obj("type", "database_id", "database_id", id())));
      String pageId = page.get("id").asText();
      for (int b = 0; b < 2; b++) {
        add("blocks/" + pageId, Fakes.obj("object", "block", "id", id(), "type", "paragraph", "has_children",
            false, "created_time", Fakes.iso(b), "last_edited_time", Fakes.iso(b), "paragraph",
            Fakes.obj("rich_text", Fakes.arr(List.of(Fakes.obj("plain_text", "text " + b))))));
        add("comments/" + pageId, Fakes.obj("object", "comment", "id", id(), "discussion_id", id(),
            "parent", Fakes.obj("type", "page_id", "page_id", pageId), "created_time", Fakes.iso(b),
            "rich_text", Fakes.arr(List.of(Fakes.obj("plain_text", "comment " + b)))));
      }
    }
  }

  private String id() {
    return new UUID(0x59833787L << 32, uuid++).toString();
  }

  private void add(String key, ObjectNode record) {
    data.computeIfAbsent(key, k -> new ArrayList<>()).add(record);
  }

  @Override
  public String connector() {
    return "notion";
  }

  @Override
  public Map<String, String> secret() {
    return Map.of("token", TOKEN);
  }

  @Override
  protected String root() {
    return "/v1";
  }

  @Override
  protected boolean authorized(FakeRequest request) {
    return bearer(request, TOKEN);
  }

  private static FakeResponse error(int status, String code, String message) {
    return FakeResponse.of(status, Fakes.obj("object", "error", "status", status, "code", code,
        "message", message, "request_id", "a7c4f0e2-0000-4000-8000-000000000000"));
  }

  @Override
  protected FakeResponse unauthorized() {
    return error(401, "unauthorized", "API token is invalid.");
  }

  @Override
  protected FakeResponse rateLimited() {
    return error(429, "rate_limited", "You have been rate limited. Please try again in a few minutes.")
        .header("Retry-After", "1");
  }

  @Override
  protected FakeResponse notFound(FakeRequest request) {
    return error(404, "object_not_found", "Could not find object.");
  }

  @Override
  protected FakeResponse route(FakeRequest request) {
    if (request.header("Notion-Version").isEmpty()) {
      return error(400, "missing_version", "Notion-Version header failed validation: Notion-Version header "
          + "should be defined, instead was `undefined`.");
    }
    String path = request.path();
    if (path.equals("/search") && request.method().equals("POST")) {
      String kind = request.bodyText("filter.value").orElse("page");
      List<ObjectNode> results = data.get(kind.equals("data_source") ? "data_sources" : "pages");
      return list(results, request.bodyText("start_cursor").orElse(null),
          Integer.parseInt(request.bodyText("page_size").orElse("100")), "page_or_data_source");
    }
    if (!request.method().equals("GET")) {
      return null;
    }
    int size = request.intParam("page_size", 100);
    String cursor = request.param("start_cursor").orElse(null);
    Matcher m = CHILDREN.matcher(path);
    if (m.matches()) {
      return list(data.getOrDefault("blocks/" + m.group(1), List.of()), cursor, size, "block");
    }
    if (path.equals("/comments")) {
      return list(data.getOrDefault("comments/" + request.param("block_id").orElse(""), List.of()), cursor, size,
          "comment");
    }
    return path.equals("/users") ? list(data.get("users"), cursor, size, "user") : null;
  }

  private FakeResponse list(List<ObjectNode> records, String cursor, int size, String type) {
    if (size > 100) {
      return error(400, "validation_error", "body failed validation: body.page_size should be ≤ `100`");
    }
    int from = 0;
    if (cursor != null) {
      from = indexOf(records, cursor);
    }
    List<ObjectNode> slice = Fakes.slice(records, from, Math.min(size, PAGE_CAP));
    boolean more = from + slice.size() < records.size();
    return FakeResponse.ok(Fakes.obj("object", "list", "results", Fakes.arr(slice),
        "next_cursor", more ? records.get(from + slice.size()).get("id").asText() : null,
        "has_more", more, "type", type, type, Fakes.obj()));
  }

  private static int indexOf(List<ObjectNode> records, String id) {
    for (int i = 0; i < records.size(); i++) {
      if (records.get(i).get("id").asText().equals(id)) {
        return i;
      }
    }
    return records.size();
  }

  @Override
  public List<JsonNode> expected(String endpoint) {
    if (endpoint.equals("blocks") || endpoint.equals("comments")) {
      List<JsonNode> out = new ArrayList<>();
      data.get("pages").forEach(p -> out.addAll(data.get(endpoint + "/" + p.get("id").asText())));
      return out;
    }
    return List.copyOf(data.get(endpoint));
  }
}
