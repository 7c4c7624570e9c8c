package dev.ingest.jobs.lineage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A local OpenLineage receiver (the JDK's HTTP server on a free loopback port): keeps every request's raw body and
 * {@code Authorization} header, answers 200 — or, when stalling, holds each request until closed.
 */
public final class LineageReceiver implements AutoCloseable {
  public static final String PATH = "/api/v1/lineage";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpServer server;
  private final boolean stall;
  private final CountDownLatch closed = new CountDownLatch(1);
  private final List<String> bodies = new ArrayList<>();
  private final List<String> authorizations = new ArrayList<>();

  private LineageReceiver(boolean stall) throws IOException {
    this.stall = stall;
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", this::handle);
    server.setExecutor(Executors.newFixedThreadPool(4));
    server.start();
  }

  /** A receiver that answers 200. */
  public static LineageReceiver start() throws IOException {
    return new LineageReceiver(false);
  }

  /** A receiver that accepts connections and never answers (until closed). */
  public static LineageReceiver stalling() throws IOException {
    return new LineageReceiver(true);
  }

  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (InputStream in = exchange.getRequestBody()) {
      String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      synchronized (this) {
        if (exchange.getRequestURI().getPath().equals(PATH) && exchange.getRequestMethod().equals("POST")) {
          bodies.add(body);
          authorizations.add(exchange.getRequestHeaders().getFirst("Authorization"));
        }
      }
    }
    if (stall) {
      try {
        closed.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    exchange.sendResponseHeaders(200, -1);
    exchange.close();
  }

  /** The raw bodies received, in arrival order. */
  public synchronized List<String> bodies() {
    return List.copyOf(bodies);
  }

  /** The bodies parsed. */
  public List<JsonNode> events() throws IOException {
    List<JsonNode> events = new ArrayList<>();
    for (String body : bodies()) {
      events.add(JSON.readTree(body));
    }
    return events;
  }

  public synchronized List<String> authorizations() {
    return new ArrayList<>(authorizations); // may hold nulls: requests without the header
  }

  @Override
  public void close() {
    closed.countDown();
    server.stop(0);
    ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
  }
}
