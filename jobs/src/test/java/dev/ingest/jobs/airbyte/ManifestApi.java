package dev.ingest.jobs.airbyte;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ExecutorService;

/**
 * A provider's API on loopback (JDK {@code HttpServer}, port 0) for manifest pipelines, written from the
 * provider's public documentation by each subclass: it checks the auth scheme (401 otherwise), serves a small
 * deterministic dataset with the provider's envelope and paging, and records every request (method, path, query,
 * auth header) so tests assert them one by one.
 */
abstract class ManifestApi implements AutoCloseable {
  static final ObjectMapper JSON = new ObjectMapper();

  /** One request as the API saw it. */
  record Request(String method, String path, Map<String, List<String>> query, String authorization, String body) {

    String param(String name) {
      List<String> values = query.get(name);
      return values == null ? null : values.get(0);
    }

    /** {@code path?k=v&…} with the query in arrival order, for exact assertions. */
    String line() {
      StringBuilder out = new StringBuilder(path);
      String sep = "?";
      for (Map.Entry<String, List<String>> e : query.entrySet()) {
        for (String v : e.getValue()) {
          out.append(sep).append(e.getKey()).append('=').append(v);
          sep = "&";
        }
      }
      return out.toString();
    }
  }

  /** A response: status, JSON body and extra headers ({@code Link}). */
  record Response(int status, Object body, Map<String, String> headers) {
    Response(int status, Object body) {
      this(status, body, Map.of());
    }

    static Response ok(Object body) {
      return new Response(200, body);
    }
  }

  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private final HttpServer server;
  private final ExecutorService executor = Executors.newFixedThreadPool(4);

  ManifestApi() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.setExecutor(executor);
    server.start();
  }

  /** Serves {@code path} (and below) with its own handler: a token endpoint, which authenticates differently. */
  void route(String path, com.sun.net.httpserver.HttpHandler handler) {
    server.createContext(path, handler);
  }

  /** The expected {@code Authorization} header value. */
  abstract String authorization();

  /** Serves one authenticated request. */
  abstract Response serve(Request request);

  String origin() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** Every request received, in order. */
  List<Request> requests() {
    return List.copyOf(requests);
  }

  /** The requests to {@code path}. */
  List<Request> requests(String path) {
    return requests.stream().filter(r -> r.path().equals(path)).toList();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String auth = exchange.getRequestHeaders().getFirst("Authorization");
      String body;
      try (var in = exchange.getRequestBody()) {
        body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
      Request request = new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
          query(exchange.getRequestURI().getRawQuery()), auth, body);
      requests.add(request);
      Response response = authorization() != null && !authorization().equals(auth)
          ? new Response(401, Map.of("error", "unauthorized")) : serve(request);
      byte[] bytes = JSON.writeValueAsBytes(response.body());
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      response.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
      exchange.sendResponseHeaders(response.status(), bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
  }

  private static Map<String, List<String>> query(String raw) {
    Map<String, List<String>> query = new LinkedHashMap<>();
    if (raw == null || raw.isEmpty()) {
      return query;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      query.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
    }
    return query;
  }

  /** Records {@code from} (inclusive) to {@code to} (exclusive) of {@code all}. */
  static <T> List<T> slice(List<T> all, int from, int to) {
    return all.subList(Math.min(from, all.size()), Math.min(to, all.size()));
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
    try {
      executor.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
