package dev.ingest.sources.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A pooled connection idle for {@link ApacheHttpTransport#VALIDATE_AFTER} or more is checked before reuse: a server
 * that dropped it without {@code Connection: close} costs a new connection, not a failed attempt. A connection
 * reused sooner goes without the check (it cost 1.2 ms per request).
 */
class PooledConnectionCheckTest {
  private static final Duration CONNECT = Duration.ofSeconds(2);
  private static final Duration EXCHANGE = Duration.ofSeconds(5); // every send ends within this
  private final AtomicInteger connections = new AtomicInteger();
  private final AtomicInteger requests = new AtomicInteger();
  private ServerSocket server;
  private Thread acceptor;

  /** Answers every request with keep-alive, and drops a connection silently once it has been idle for 200 ms. */
  private String start() throws Exception {
    server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    acceptor = new Thread(() -> {
      while (!server.isClosed()) {
        try {
          Socket socket = server.accept();
          connections.incrementAndGet();
          Thread t = new Thread(() -> serve(socket), "pooled-check-conn");
          t.setDaemon(true);
          t.start();
        } catch (Exception closed) {
          return;
        }
      }
    }, "pooled-check-accept");
    acceptor.setDaemon(true);
    acceptor.start();
    return "http://127.0.0.1:" + server.getLocalPort() + "/v1/items";
  }

  private void serve(Socket socket) {
    try (socket) {
      socket.setSoTimeout(5_000);
      BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
      OutputStream out = socket.getOutputStream();
      String line;
      while ((line = in.readLine()) != null) {
        if (!line.isEmpty()) {
          continue; // request line and headers; GETs have no body
        }
        requests.incrementAndGet();
        out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}")
            .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        socket.setSoTimeout(200); // idle for 200 ms: dropped without a Connection: close
      }
    } catch (Exception idleOrGone) {
      // dropped (idle) or the client went away
    }
  }

  @AfterEach
  void stop() throws Exception {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void aConnectionTheServerDroppedWhileIdleIsReplacedNotFailed() throws Exception {
    String url = start();
    try (ApacheHttpTransport transport = new ApacheHttpTransport(CONNECT, EXCHANGE)) {
      assertThat(transport.send(ApiRequest.get(url)).status()).isEqualTo(200);
      Thread.sleep(ApacheHttpTransport.VALIDATE_AFTER.toMilliseconds() + 500);
      assertThat(transport.send(ApiRequest.get(url)).status()).isEqualTo(200);
    }

    assertThat(requests.get()).as("one answered request each, no failed attempt").isEqualTo(2);
    assertThat(connections.get()).as("the dropped connection was found stale and replaced").isEqualTo(2);
  }

  @Test
  void aConnectionReusedAtOnceIsNotCheckedAndCarriesTheNextRequest() throws Exception {
    String url = start();
    try (ApacheHttpTransport transport = new ApacheHttpTransport(CONNECT, EXCHANGE)) {
      assertThat(transport.send(ApiRequest.get(url)).status()).isEqualTo(200);
      assertThat(transport.send(ApiRequest.get(url)).status()).isEqualTo(200);
    }

    assertThat(requests.get()).isEqualTo(2);
    assertThat(connections.get()).as("the second request reused the first connection").isEqualTo(1);
  }
}
