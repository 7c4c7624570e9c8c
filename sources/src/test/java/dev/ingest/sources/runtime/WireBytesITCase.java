package dev.ingest.sources.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.ingest.sources.fetch.Page;
import dev.ingest.sources.http.ApacheHttpTransport;
import dev.ingest.sources.retry.RetryPolicy;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code bytes} are wire bytes (the gzip body as it came over the connection) and {@code decodedBytes} the body the
 * JSON parser read, exactly, whether the server frames the body with a Content-Length or in chunks.
 */
class WireBytesITCase {
  private static final String BODY = "{\"items\":[" + "{\"id\":1,\"text\":\"aaaaaaaaaaaaaaaaaaaa\"},".repeat(200)
      + "{\"id\":2}]}";
  private HttpServer server;
  private byte[] gzipped;
  private final ApacheHttpTransport transport = ApacheHttpTransport.withDefaults();

  @BeforeEach
  void start() throws IOException {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(buffer)) {
      gzip.write(BODY.getBytes(StandardCharsets.UTF_8));
    }
    gzipped = buffer.toByteArray();
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", exchange -> {
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.getResponseHeaders().add("Content-Encoding", "gzip");
      boolean chunked = exchange.getRequestURI().getPath().startsWith("/chunked/");
      exchange.sendResponseHeaders(200, chunked ? 0 : gzipped.length);
      try (OutputStream out = exchange.getResponseBody()) {
        for (int i = 0; i < gzipped.length; i += 100) { // several chunks when chunked
          out.write(gzipped, i, Math.min(100, gzipped.length - i));
          out.flush();
        }
      }
    });
    server.start();
  }

  @AfterEach
  void stop() {
    transport.close();
    server.stop(0);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "/chunked"})
  void countsTheGzipBodyAsWireBytesAndTheDecodedBodyBesideIt(String prefix) throws Exception {
    ConnectorClient client = StalledResponseITCase.client("http://127.0.0.1:" + server.getAddress().getPort()
        + prefix, transport, RetryPolicy.none());

    Page page = client.firstPage("items");

    assertThat(page.records()).hasSize(201);
    assertThat(page.stats().bytes()).isEqualTo(gzipped.length);
    assertThat(page.stats().decodedBytes()).isEqualTo(BODY.length());
    assertThat(page.stats().decodedBytes()).isGreaterThan(page.stats().bytes() * 10);
  }
}
