package dev.ingest.sources.contract.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Asana API 1.0 (developers.asana.com/docs/pagination): {@code {"data":[…],"next_page":{"offset","path","uri"}|null}},
 * {@code limit} (1–100) + opaque {@code offset} tokens valid only as issued, {@code modified_since} on
 * {@code GET /tasks?project=}, errors {@code {"errors":[{"message"}]}}, 429 with {@code Retry-After}.
 * Two workspaces, each with users, tags and two projects; each project with sections and tasks.
 */
public final class AsanaFake extends ProviderFake {
  public static final String TOKEN = "2/1200000000000/1200000000001:contractsecret";
  private static final Pattern WORKSPACE = Pattern.compile("/workspaces/(\\d+)/(users|projects|tags)");
  private static final Pattern SECTIONS = Pattern.compile("/projects/(\\d+)/sections");
  private final List<ObjectNode> workspaces = new ArrayList<>();
  private final Map<String, List<ObjectNode>> children = new LinkedHashMap<>();
  private final Map<String, List<ObjectNode>> offsets = new LinkedHashMap<>();
  private long gid = 1_200_000_000_000L;
  private int clock;

  public AsanaFake() {
    for (int w = 0; w < 2; w++) {
      ObjectNode ws = Fakes.obj("gid", next(), "resource_type", "workspace", "name", "Workspace " + w,
          "is_organization", w == 0);
      workspaces.add(ws);
      String wsGid = ws.get("gid").asText();
      for (int i = 0; i < 4; i++) {
        add(wsGid + "/users", Fakes.obj("gid", next(), "resource_type", "user", "name", "User " + i,
            "email", "user" + i + "@example.com"));
        add(wsGid + "/tags", Fakes.obj("gid", next(), "resource_type", "tag", "name", "tag " + i, "color", "dark-red"));
      }
      for (int p = 0; p < 2; p++) {
        ObjectNode project = Fakes.obj("gid", next(), "resource_type", "project", "name", "Project " + w + p,
            "archived", false, "created_at", Fakes.iso(p), "modified_at", Fakes.iso(p + 1),
            "workspace", Fakes.obj("gid", wsGid, "resource_type", "workspace"));
        add(wsGid + "/projects", project);
        String pGid = project.get("gid").asText();
        for (int i = 0; i < 2; i++) {
          add(pGid + "/sections", Fakes.obj("gid", next(), "resource_type", "section", "name", "Section " + i,
              "created_at", Fakes.iso(i)));
        }
        for (int i = 0; i < 4; i++) {
          add(pGid + "/tasks", Fakes.obj("gid", next(), "resource_type", "task", "resource_subtype", "default_task",
              "name", "Task " + i, "completed", false, "completed_at", null, "created_at", Fakes.iso(clock),
              "modified_at", Fakes.iso(clock++), "due_on", "2024-02-0" + (i + 1), "notes", "",
              "assignee", null, "permalink_url", "https://app.asana.com/0/" + pGid + "/" + gid));
        }
      }
    }
  }

  private String next() {
    return Long.toString(gid++);
  }

  private void add(String key, ObjectNode record) {
    children.computeIfAbsent(key, k -> new ArrayList<>()).add(record);
  }

  @Override
  public String connector() {
    return "asana";
  }

  @Override
  public Map<String, String> secret() {
    return Map.of("token", TOKEN);
  }

  @Override
  protected String root() {
    return "/api/1.0";
  }

  @Override
  protected boolean authorized(FakeRequest request) {
    return bearer(request, TOKEN);
  }

  @Override
  protected FakeResponse unauthorized() {
    return FakeResponse.of(401, Fakes.obj("errors", Fakes.arr(List.of(Fakes.obj("message",
        "Not Authorized", "help", "For more information on API status codes and how to handle them, read the docs "
            + "on errors: https://developers.asana.com/docs/errors")))));
  }

  @Override
  protected FakeResponse rateLimited() {
    return FakeResponse.of(429, Fakes.obj("errors", Fakes.arr(List.of(Fakes.obj("message",
        "You have made too many requests recently. Please, be chill."))))).header("Retry-After", "2");
  }

  @Override
  protected FakeResponse route(FakeRequest request) {
    String path = request.path();
    if (path.equals("/workspaces")) {
      return page(request, workspaces);
    }
    Matcher m = WORKSPACE.matcher(path);
    if (m.matches()) {
      return page(request, children.getOrDefault(m.group(1) + "/" + m.group(2), List.of()));
    }
    m = SECTIONS.matcher(path);
    if (m.matches()) {
      return page(request, children.getOrDefault(m.group(1) + "/sections", List.of()));
    }
    if (path.equals("/tasks")) {
      String project = request.param("project").orElse(null);
      if (project == null) {
        return FakeResponse.of(400, Fakes.obj("errors", Fakes.arr(List.of(Fakes.obj("message",
            "You should specify one of workspace, project, tag, section, user_task_list")))));
      }
      List<ObjectNode> tasks = new ArrayList<>(children.getOrDefault(project + "/tasks", List.of()));
      request.param("modified_since").map(Instant::parse).ifPresent(since ->
          tasks.removeIf(t -> Instant.parse(t.get("modified_at").asText()).isBefore(since)));
      return page(request, tasks);
    }
    return null;
  }

  private FakeResponse page(FakeRequest request, List<ObjectNode> records) {
    int limit = request.intParam("limit", 100);
    if (limit < 1 || limit > 100) {
      return FakeResponse.of(400, Fakes.obj("errors", Fakes.arr(List.of(Fakes.obj("message",
          "limit: Value must be between 1 and 100")))));
    }
    List<ObjectNode> list = request.param("offset").map(offsets::get).orElse(records);
    if (list == null) {
      return FakeResponse.of(400, Fakes.obj("errors", Fakes.arr(List.of(Fakes.obj("message",
          "offset: Your pagination token is invalid.")))));
    }
    int size = Math.min(limit, PAGE_CAP);
    List<ObjectNode> slice = Fakes.slice(list, 0, size);
    JsonNode nextPage = null;
    if (list.size() > size) {
      String token = "eyJ0eXAiOJiKV1iQLCJhbGciOiJIUzI1NiJ9." + offsets.size();
      offsets.put(token, list.subList(size, list.size()));
      nextPage = Fakes.obj("offset", token, "path", request.path() + "?limit=" + limit + "&offset=" + token,
          "uri", url(request.path(), Map.of("limit", Integer.toString(limit), "offset", token)));
    }
    return FakeResponse.ok(Fakes.obj("data", Fakes.arr(slice), "next_page", nextPage));
  }

  @Override
  public List<JsonNode> expected(String endpoint) {
    if (endpoint.equals("workspaces")) {
      return List.copyOf(workspaces);
    }
    List<JsonNode> out = new ArrayList<>();
    for (ObjectNode ws : workspaces) {
      String w = ws.get("gid").asText();
      if (endpoint.equals("sections") || endpoint.equals("tasks")) {
        for (ObjectNode project : children.get(w + "/projects")) {
          out.addAll(children.get(project.get("gid").asText() + "/" + endpoint));
        }
      } else {
        out.addAll(children.get(w + "/" + endpoint));
      }
    }
    return out;
  }

  /** One task per project modified after every other. */
  @Override
  public List<JsonNode> advance(String endpoint) {
    List<JsonNode> changed = new ArrayList<>();
    clock += 10;
    for (Map.Entry<String, List<ObjectNode>> e : children.entrySet()) {
      if (e.getKey().endsWith("/tasks")) {
        ObjectNode task = e.getValue().get(0);
        task.put("modified_at", Fakes.iso(clock++));
        changed.add(task);
      }
    }
    return changed;
  }
}
