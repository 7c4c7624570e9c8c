package dev.ingest.control.alerts;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * A real HTTP server (the JDK's) on a loopback port that records every POST it receives, per path; paths under
 * {@code /fail} answer 500, every other path 204.
 */
public final class WebhookReceiver implements AutoCloseable {
  /** One request received. */
  public record Received(String path, String contentType, String body) {}

  private final HttpServer server;
  private final List<Received> received = new CopyOnWriteArrayList<>();

  public WebhookReceiver() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", exchange -> {
      try (InputStream in = exchange.getRequestBody()) {
        byte[] body = in.readNBytes(1 << 20);
        String path = exchange.getRequestURI().getPath();
        received.add(new Received(path, exchange.getRequestHeaders().getFirst("Content-Type"),
            new String(body, StandardCharsets.UTF_8)));
        exchange.sendResponseHeaders(path.startsWith("/fail") ? 500 : 204, -1);
      } finally {
        exchange.close();
      }
    });
    server.setExecutor(Executors.newFixedThreadPool(2));
    server.start();
  }

  /** The URL of {@code path} on this server. */
  public String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  /** The requests to {@code path}, in order. */
  public List<Received> at(String path) {
    return received.stream().filter(r -> r.path().equals(path)).toList();
  }

  /** Every request received. */
  public List<Received> all() {
    return List.copyOf(received);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
