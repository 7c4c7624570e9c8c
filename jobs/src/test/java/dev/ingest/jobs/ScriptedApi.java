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
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A tiny JSON API on loopback whose records the test sets between runs: {@code GET /items?page=N&per_page=S}
 * returns {@code {"items": [...]}}, page numbers from 1, an empty page after the last. Optional per-page delay,
 * so one run spans several checkpoints; {@code GET /stall} accepts and never answers. {@link #connectorFile}
 * writes a matching connector definition.
 */
public final class ScriptedApi implements AutoCloseable {
  private final HttpServer server;
  private final List<String> records = new CopyOnWriteArrayList<>();
  private final AtomicLong pageDelayMillis = new AtomicLong();
  private final AtomicInteger failures = new AtomicInteger();
  private final AtomicInteger requests = new AtomicInteger();
  private final AtomicInteger stalled = new AtomicInteger();
  private final CountDownLatch closed = new CountDownLatch(1);

  public ScriptedApi() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/items", this::items);
    server.createContext("/stall", this::stall);
    server.setExecutor(Executors.newCachedThreadPool()); // stalled exchanges hold a thread each until close
    server.start();
  }

  /** Replaces the served records (JSON objects as text). */
  public ScriptedApi serve(List<String> json) {
    records.clear();
    records.addAll(json);
    return this;
  }

  /** Delays every page by this much (simulated API latency). */
  public ScriptedApi pageDelay(long millis) {
    pageDelayMillis.set(millis);
    return this;
  }

  /** Answers the next {@code count} requests with 503 (an empty body) before serving pages again. */
  public ScriptedApi failNext(int count) {
    failures.set(count);
    return this;
  }

  /** Requests received so far, failed ones included. */
  public int requests() {
    return requests.get();
  }

  /** Requests received at {@code /stall}, which accepts and never answers (until {@link #close}). */
  public int stalledRequests() {
    return stalled.get();
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /**
   * Writes a connector for this API into {@code dir}: endpoint {@code items}, page-number paging with
   * {@code pageSize}, primary key {@code id}, and {@code schemaYaml} as the declared schema when not null.
   */
  public Path connectorFile(Path dir, int pageSize, String schemaYaml) throws IOException {
    String schema = schemaYaml == null ? "" : "    schema:\n" + schemaYaml.indent(6);
    String yaml = """
        name: scripted
        base_url: "{{ config.base_url }}"
        config:
          base_url: { required: true }
        endpoints:
          items:
            path: /items
            records: items
            primary_key: [id]
            paging: { type: page_number, page_param: page, size_param: per_page, page_size: %d, start_page: 1, stop: empty_page }
        %s""".formatted(pageSize, schema);
    Path file = dir.resolve("scripted-" + System.nanoTime() + ".yaml");
    Files.createDirectories(dir);
    Files.writeString(file, yaml, StandardCharsets.UTF_8);
    return file;
  }

  /** A pipeline YAML for this API; {@code endpointYaml} is the endpoints list entry, {@code extra} appended. */
  public String pipelineYaml(String name, Path connector, String endpointYaml, String extra) {
    return pipelineYaml(name, connector, List.of(endpointYaml), extra);
  }

  /**
   * A pipeline YAML for this API with several endpoints list entries (flow-style YAML each); endpoints append
   * (top-level {@code write_mode: append}, stated: the tests count rows across runs) unless an entry names its own.
   */
  public String pipelineYaml(String name, Path connector, List<String> endpointEntries, String extra) {
    return """
        name: %s
        connector_file: %s
        config:
          base_url: %s
        endpoints: [%s]
        write_mode: append
        schedule: "0 * * * *"
        runtime: {parallelism: 1, checkpoint_interval: 200ms}
        %s
        """.formatted(name, connector, baseUrl(), String.join(", ", endpointEntries), extra);
  }

  private void items(HttpExchange exchange) throws IOException {
    try (exchange) {
      requests.incrementAndGet();
      if (failures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
        exchange.sendResponseHeaders(503, -1);
        return;
      }
      String query = exchange.getRequestURI().getQuery();
      int page = intParam(query, "page", 1);
      int size = intParam(query, "per_page", 100);
      long delay = pageDelayMillis.get();
      if (delay > 0) {
        TimeUnit.MILLISECONDS.sleep(delay); // simulated latency of the fake API, not a wait in the test
      }
      List<String> snapshot = List.copyOf(records);
      int from = Math.min(snapshot.size(), (page - 1) * size);
      int to = Math.min(snapshot.size(), from + size);
      byte[] body = ("{\"items\":[" + String.join(",", snapshot.subList(from, to)) + "]}")
          .getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Reads the request and sends nothing, not even headers, until the server closes (at most a minute). */
  private void stall(HttpExchange exchange) throws IOException {
    try (exchange) {
      stalled.incrementAndGet();
      if (!closed.await(1, TimeUnit.MINUTES)) {
        exchange.sendResponseHeaders(504, -1);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static int intParam(String query, String name, int fallback) {
    if (query != null) {
      for (String part : query.split("&")) {
        String[] kv = part.split("=", 2);
        if (kv.length == 2 && kv[0].equals(name)) {
          return Integer.parseInt(kv[1]);
        }
      }
    }
    return fallback;
  }

  @Override
  public void close() {
    closed.countDown();
    server.stop(0);
  }
}
