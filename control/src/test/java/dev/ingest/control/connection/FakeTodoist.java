package dev.ingest.control.connection;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Todoist's REST API v2 as the corpus manifest {@code source-todoist.yaml} reads it, on a loopback port:
 * {@code GET /rest/v2/tasks} (3 tasks) and {@code /rest/v2/projects} (2 projects) answer a bare JSON array to
 * {@code Authorization: Bearer <token>}, 401 to anything else, 404 for other paths. Each request is recorded as
 * {@code "GET /rest/v2/tasks Bearer ok"} (or {@code wrong}), never with the token.
 */
public final class FakeTodoist implements AutoCloseable {
  private static final String TASKS = "[{\"id\":\"t1\",\"content\":\"Task 1\"},{\"id\":\"t2\",\"content\":"
      + "\"Task 2\"},{\"id\":\"t3\",\"content\":\"Task 3\"}]";
  private static final String PROJECTS = "[{\"id\":\"p1\",\"name\":\"Project 1\"},{\"id\":\"p2\",\"name\":"
      + "\"Project 2\"}]";

  private final List<String> requests = new CopyOnWriteArrayList<>();
  private final HttpServer server;

  public FakeTodoist(String token) throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", exchange -> {
      boolean ok = ("Bearer " + token).equals(exchange.getRequestHeaders().getFirst("Authorization"));
      String path = exchange.getRequestURI().getPath();
      requests.add(exchange.getRequestMethod() + " " + path + " Bearer " + (ok ? "ok" : "wrong"));
      String body = !ok ? "{\"error\":\"unauthorized\"}"
          : path.equals("/rest/v2/tasks") ? TASKS : path.equals("/rest/v2/projects") ? PROJECTS : null;
      byte[] bytes = (body == null ? "{\"error\":\"not found\"}" : body).getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(!ok ? 401 : body == null ? 404 : 200, bytes.length);
      exchange.getResponseBody().write(bytes);
      exchange.close();
    });
    server.start();
  }

  /** The manifest's {@code url_base} on this server. */
  public String urlBase() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/rest/v2";
  }

  /** Every request so far, in order. */
  public List<String> requests() {
    return List.copyOf(requests);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
