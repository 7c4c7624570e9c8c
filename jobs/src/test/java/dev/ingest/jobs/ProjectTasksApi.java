package dev.ingest.jobs;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

/**
 * A parent/child JSON API on loopback: {@code GET /projects?page=N} lists {@code projects} projects, and
 * {@code GET /projects/{id}/tasks?page=N} lists {@code tasksPerProject} tasks of each (ids {@code <project>-<n>}),
 * page numbers from 1, {@code pageSize} records a page, an empty page after the last. {@link #missingProject}
 * makes one project's tasks answer 404. {@link #connectorFile} writes the matching connector.
 */
public final class ProjectTasksApi implements AutoCloseable {
  private final HttpServer server;
  private final int projects;
  private final int tasksPerProject;
  private final int pageSize;
  private final Set<String> missing = ConcurrentHashMap.newKeySet();
  private volatile long latencyMillis;

  public ProjectTasksApi(int projects, int tasksPerProject, int pageSize) throws IOException {
    this.projects = projects;
    this.tasksPerProject = tasksPerProject;
    this.pageSize = pageSize;
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/projects", this::handle);
    server.setExecutor(Executors.newFixedThreadPool(4));
    server.start();
  }

  /** The tasks of project {@code id} answer 404 from now on. */
  public ProjectTasksApi missingProject(String id) {
    missing.add(id);
    return this;
  }

  /** Delays every response by this much (simulated API latency, so a run spans several checkpoints). */
  public ProjectTasksApi latency(long millis) {
    latencyMillis = millis;
    return this;
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** Every task id the API serves (the missing projects' excluded). */
  public List<String> taskIds() {
    List<String> ids = new ArrayList<>();
    for (String project : projectIds()) {
      if (!missing.contains(project)) {
        IntStream.range(0, tasksPerProject).forEach(n -> ids.add(project + "-" + n));
      }
    }
    return ids;
  }

  /** Writes the connector: endpoints {@code projects} and {@code tasks} (parent {@code projects}). */
  public Path connectorFile(Path dir) throws IOException {
    String paging = "{ type: page_number, page_param: page, size_param: per_page, page_size: " + pageSize
        + ", start_page: 1, stop: empty_page }";
    String yaml = """
        name: project_tasks
        base_url: "{{ config.base_url }}"
        config:
          base_url: { required: true }
        endpoints:
          projects:
            path: /projects
            records: items
            primary_key: [id]
            paging: %s
          tasks:
            parent: projects
            path: "/projects/{{ parent.id }}/tasks"
            records: items
            primary_key: [id]
            paging: %s
        """.formatted(paging, paging);
    Path file = dir.resolve("project-tasks-" + System.nanoTime() + ".yaml");
    Files.createDirectories(dir);
    Files.writeString(file, yaml, StandardCharsets.UTF_8);
    return file;
  }

  private List<String> projectIds() {
    return IntStream.range(0, projects).mapToObj(i -> "p" + i).toList();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (latencyMillis > 0) {
        TimeUnit.MILLISECONDS.sleep(latencyMillis); // the fake API's latency, not a wait in a test
      }
      String[] path = exchange.getRequestURI().getPath().split("/");
      int page = page(exchange.getRequestURI().getQuery());
      List<String> records;
      if (path.length == 2) {
        records = projectIds().stream().map(id -> "{\"id\":\"" + id + "\",\"name\":\"Project " + id + "\"}").toList();
      } else if (path.length == 4 && path[3].equals("tasks") && !missing.contains(path[2])) {
        String project = path[2];
        records = IntStream.range(0, tasksPerProject)
            .mapToObj(n -> "{\"id\":\"" + project + "-" + n + "\",\"project\":\"" + project + "\"}").toList();
      } else {
        send(exchange, 404, "{\"error\":\"not found\"}");
        return;
      }
      int from = Math.min(records.size(), (page - 1) * pageSize);
      int to = Math.min(records.size(), from + pageSize);
      send(exchange, 200, "{\"items\":[" + String.join(",", records.subList(from, to)) + "]}");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static int page(String query) {
    if (query != null) {
      for (String part : query.split("&")) {
        if (part.startsWith("page=")) {
          return Integer.parseInt(part.substring(5));
        }
      }
    }
    return 1;
  }

  private static void send(HttpExchange exchange, int status, String json) throws IOException {
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
