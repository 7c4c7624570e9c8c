package dev.ingest.jobs.airbyte;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Todoist REST API v2 (developer.todoist.com/rest/v2): {@code Authorization: Bearer <token>}; {@code GET /tasks}
 * and {@code GET /projects} answer a bare JSON array of every active item (no paging); ids are strings.
 */
final class TodoistApi extends ManifestApi {
  static final String TOKEN = "todoist-test-token";
  static final int TASKS = 9;
  static final int PROJECTS = 3;

  TodoistApi() throws IOException {}

  String urlBase() {
    return origin() + "/rest/v2";
  }

  @Override
  String authorization() {
    return "Bearer " + TOKEN;
  }

  @Override
  Response serve(Request request) {
    return switch (request.path()) {
      case "/rest/v2/tasks" -> Response.ok(tasks());
      case "/rest/v2/projects" -> Response.ok(projects());
      default -> new Response(404, Map.of("error", "not found"));
    };
  }

  static List<Map<String, Object>> tasks() {
    List<Map<String, Object>> tasks = new ArrayList<>();
    for (int i = 1; i <= TASKS; i++) {
      tasks.add(Map.of("id", "t" + i, "content", "Task " + i, "project_id", "p" + (1 + i % PROJECTS),
          "priority", 1 + i % 4, "is_completed", false, "labels", List.of("l" + i % 2),
          "created_at", "2024-01-0" + (1 + i % 9) + "T10:00:00.000000Z"));
    }
    return tasks;
  }

  static List<Map<String, Object>> projects() {
    List<Map<String, Object>> projects = new ArrayList<>();
    for (int i = 1; i <= PROJECTS; i++) {
      projects.add(Map.of("id", "p" + i, "name", "Project " + i, "order", i, "is_favorite", i == 1));
    }
    return projects;
  }
}
