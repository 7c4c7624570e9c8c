package dev.ingest.sources.source.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.ingest.sources.secret.LocalFileSecretStoreProvider;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The poll client against a real HTTP server on loopback: what it sends, what it reads, how long it waits. */
class ControlApiRunRequestClientITCase {
  private static final String TOKEN = "rr_token_for_orders_0123456789";
  @TempDir Path dir;
  private HttpServer server;
  private final List<String> seen = new CopyOnWriteArrayList<>();
  private volatile int status = 200;
  private volatile String body = "{\"requests\": [{\"id\": 12, \"requested_at\": \"x\"}, {\"id\": 11}]}";
  private final CountDownLatch stall = new CountDownLatch(1);
  private volatile boolean stalling;
  private LocalFileSecretStoreProvider secrets;

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::answer);
    server.setExecutor(Executors.newCachedThreadPool());
    server.start();
    secrets = new LocalFileSecretStoreProvider(dir.resolve("secrets.store").toString());
    secrets.open().write(RunRequestSettings.tokenSecretFor("orders"), Map.of("token", TOKEN));
  }

  @AfterEach
  void stop() {
    stall.countDown();
    server.stop(0);
  }

  @Test
  void sendsTheMarkAndTheTokenAndReadsTheIdsInOrder() throws Exception {
    ControlApiRunRequestClient client = client(Duration.ofSeconds(2));

    List<Long> ids = client.poll(new RunRequestMark(10, 9, Optional.of("20261124T173000Z-000004")));

    assertThat(ids).containsExactly(11L, 12L);
    assertThat(seen).containsExactly("GET /api/pipelines/orders/run-requests"
        + "?after=10&started=9&run=20261124T173000Z-000004 Bearer " + TOKEN);
  }

  @Test
  void aRefusedTokenIsAnIoErrorThatNamesTheSecretNotTheToken() {
    status = 401;
    ControlApiRunRequestClient client = client(Duration.ofSeconds(2));

    assertThatThrownBy(() -> client.poll(RunRequestMark.NONE))
        .isInstanceOf(IOException.class)
        .hasMessage("the control API refused the run-request token of pipeline orders (HTTP 401); it is read again "
            + "from secret 'ingest.run-requests.orders' at the next poll")
        .hasMessageNotContaining(TOKEN);
  }

  @Test
  void aControlPlaneThatDoesNotAnswerCostsOneTimeoutNotMore() {
    stalling = true;
    ControlApiRunRequestClient client = client(Duration.ofMillis(300));

    long started = System.nanoTime();
    assertThatThrownBy(() -> client.poll(RunRequestMark.NONE)).isInstanceOf(IOException.class)
        .hasMessageContaining("got no answer within 300 ms");
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
  }

  @Test
  void aControlPlaneThatIsDownIsAnIoError() {
    int port = server.getAddress().getPort();
    server.stop(0);
    ControlApiRunRequestClient client = new ControlApiRunRequestClient("orders", new RunRequestSettings(
        URI.create("http://127.0.0.1:" + port), RunRequestSettings.tokenSecretFor("orders"), secrets,
        Duration.ofSeconds(1), Duration.ofSeconds(1)));

    assertThatThrownBy(() -> client.poll(RunRequestMark.NONE)).isInstanceOf(IOException.class)
        .hasMessageStartingWith("the run-request poll of pipeline orders to http://127.0.0.1:" + port + " failed: ");
  }

  @Test
  void aMissingSecretSaysWhichOne() throws IOException {
    secrets.open().delete(RunRequestSettings.tokenSecretFor("orders"));

    assertThatThrownBy(() -> client(Duration.ofSeconds(1)).poll(RunRequestMark.NONE))
        .isInstanceOf(IOException.class)
        .hasMessage("no secret 'ingest.run-requests.orders' with the run-request token of pipeline orders (the "
            + "control plane writes it on deploy)");
  }

  @Test
  void settingsNameTheFieldThatIsWrong() {
    assertThatThrownBy(() -> new RunRequestSettings(URI.create("ftp://x"), "s", secrets, Duration.ofSeconds(1),
        Duration.ofSeconds(1))).hasMessage("runRequests.controlUrl: expected an http(s) URL, got 'ftp://x'");
    assertThatThrownBy(() -> new RunRequestSettings(URI.create("http://x"), "s", secrets, Duration.ofMillis(10),
        Duration.ofSeconds(1))).hasMessage("runRequests.pollInterval: must be at least 100 ms, got PT0.01S");
  }

  private ControlApiRunRequestClient client(Duration timeout) {
    return new ControlApiRunRequestClient("orders", new RunRequestSettings(
        URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/"),
        RunRequestSettings.tokenSecretFor("orders"), secrets, Duration.ofSeconds(1), timeout));
  }

  private void answer(HttpExchange exchange) throws IOException {
    try (exchange) {
      seen.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " "
          + exchange.getRequestHeaders().getFirst("Authorization"));
      if (stalling) {
        stall.await(10, TimeUnit.SECONDS);
      }
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(status, bytes.length);
      exchange.getResponseBody().write(bytes);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
