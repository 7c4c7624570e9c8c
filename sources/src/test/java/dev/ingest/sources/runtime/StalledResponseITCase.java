package dev.ingest.sources.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.sun.net.httpserver.HttpServer;
import dev.ingest.sources.fetch.EndpointException;
import dev.ingest.sources.fetch.ErrorClass;
import dev.ingest.sources.fetch.Page;
import dev.ingest.sources.http.ApacheHttpTransport;
import dev.ingest.sources.retry.RetryPolicy;
import dev.ingest.sources.runtime.RawSocketServer.Answer;
import dev.ingest.sources.spec.ConnectorLoader;
import dev.ingest.sources.spec.ConnectorSpec;
import dev.ingest.testkit.FaultProxy;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A response that stalls or breaks after its headers never hangs a fetch: the transport's idle timeout (every
 * read) and request timeout (the whole exchange) fail the attempt as {@code NETWORK}, the retry policy retries it
 * within its attempts and budget, and the fetch ends with the exact page or a classified failure. The servers are
 * bare sockets ({@link RawSocketServer}) and the socket-breaking {@link FaultProxy}, so the stalls are real.
 */
class StalledResponseITCase {
  private static final String BODY = "{\"items\":[{\"id\":1,\"name\":\"" + "x".repeat(200) + "\"},{\"id\":2}]}";
  private static final Duration BOUND = Duration.ofSeconds(20);
  private static final RetryPolicy THREE_ATTEMPTS = RetryPolicy.defaults().withMaxAttempts(3)
      .withBaseDelay(Duration.ofMillis(10)).withMaxDelay(Duration.ofMillis(10));

  private ApacheHttpTransport transport;

  @AfterEach
  void closeTransport() {
    if (transport != null) {
      transport.close();
    }
  }

  static Stream<Arguments> brokenAnswers() {
    return Stream.of(
        Arguments.of(Answer.HALF_BODY_THEN_SILENCE, "idle timeout"),
        Arguments.of(Answer.CUT_BY_CLOSE, "response body ended after " + BODY.length() / 2 + " of " + BODY.length()
            + " bytes"),
        Arguments.of(Answer.NEVER, "idle timeout"));
  }

  /**
   * Headers then half a body then silence; a body cut off by a socket close (Content-Length larger than sent); a
   * server that accepts and never answers. Each connection carries one attempt:
   * a broken connection is never reused.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("brokenAnswers")
  void aBrokenResponseFailsAsNetworkAfterEveryAttemptWithinABound(Answer answer, String cause)
      throws Exception {
    try (RawSocketServer server = new RawSocketServer(BODY, answer, answer, answer)) {
      ConnectorClient client = client(server.baseUrl(), idleTimeouts(), THREE_ATTEMPTS);

      assertTimeoutPreemptively(BOUND, () -> assertThatThrownBy(() -> client.firstPage("items"))
          .isInstanceOfSatisfying(EndpointException.class, e -> {
            assertThat(e.errorClass()).isEqualTo(ErrorClass.NETWORK);
            assertThat(e.stats().requests()).isEqualTo(3);
            assertThat(e.stats().retries()).isEqualTo(2);
            assertThat(e.getMessage()).contains(cause).contains("gave up after 3 attempts");
          }));
      assertThat(server.requests()).isEqualTo(3);
      assertThat(server.connections()).as("a broken connection is never reused").isEqualTo(3);
    }
  }

  @Test
  void aStallThatHappensOnceIsRetriedAndTheExactPageLands() throws Exception {
    try (RawSocketServer server = new RawSocketServer(BODY, Answer.HALF_BODY_THEN_SILENCE)) {
      ConnectorClient client = client(server.baseUrl(), idleTimeouts(), THREE_ATTEMPTS);

      Page page = assertTimeoutPreemptively(BOUND, () -> client.firstPage("items"));

      assertThat(page.records()).containsExactly("{\"id\":1,\"name\":\"" + "x".repeat(200) + "\"}", "{\"id\":2}");
      assertThat(page.stats().requests()).isEqualTo(2);
      assertThat(page.stats().retries()).isEqualTo(1);
      assertThat(page.stats().bytes()).as("wire bytes of the one whole response").isEqualTo(BODY.length());
      assertThat(server.requests()).isEqualTo(2);
    }
  }

  @Test
  void aSlowDripIsCutByTheWholeExchangeDeadline() throws Exception {
    HttpServer upstream = jsonServer();
    // every byte arrives well within the idle timeout, the whole response (~330 bytes at 10 ms each) does not
    // arrive within the 1 s request timeout
    try (FaultProxy proxy = FaultProxy.start(upstream.getAddress().getPort(), FaultProxy.Script.always(
        FaultProxy.Fault.DRIP), Duration.ofSeconds(30), Duration.ofMillis(10))) {
      transport = new ApacheHttpTransport(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofMillis(500));
      ConnectorClient client = client(proxy.baseUrl(), transport, RetryPolicy.defaults().withMaxAttempts(2)
          .withBaseDelay(Duration.ofMillis(10)));

      assertTimeoutPreemptively(BOUND, () -> assertThatThrownBy(() -> client.firstPage("items"))
          .isInstanceOfSatisfying(EndpointException.class, e -> {
            assertThat(e.errorClass()).isEqualTo(ErrorClass.NETWORK);
            assertThat(e.stats().requests()).isEqualTo(2);
            assertThat(e.getMessage()).contains("no complete response within the request timeout of 1000 ms");
          }));
      assertThat(proxy.requests()).isEqualTo(2);
    } finally {
      upstream.stop(0);
    }
  }

  @Test
  void theRetryBudgetBoundsRepeatedStalls() throws Exception {
    Answer[] never = new Answer[10];
    java.util.Arrays.fill(never, Answer.NEVER);
    try (RawSocketServer server = new RawSocketServer(BODY, never)) {
      // each attempt ends at the 1 s request timeout; the second ends past the 1.5 s budget, so no third
      transport = new ApacheHttpTransport(Duration.ofSeconds(1), Duration.ofSeconds(1));
      ConnectorClient client = client(server.baseUrl(), transport, RetryPolicy.defaults().withMaxAttempts(10)
          .withBaseDelay(Duration.ofMillis(10)).withTotalBudget(Duration.ofMillis(1500)));

      assertTimeoutPreemptively(BOUND, () -> assertThatThrownBy(() -> client.firstPage("items"))
          .isInstanceOfSatisfying(EndpointException.class, e -> {
            assertThat(e.errorClass()).isEqualTo(ErrorClass.NETWORK);
            assertThat(e.stats().requests()).isEqualTo(2);
            assertThat(e.getMessage()).contains("would exceed the retry budget of 1 s");
          }));
      assertThat(server.requests()).isEqualTo(2);
    }
  }

  /** A 300 ms idle timeout within a 5 s request timeout. */
  private ApacheHttpTransport idleTimeouts() {
    transport = new ApacheHttpTransport(Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofMillis(300));
    return transport;
  }

  static HttpServer jsonServer() throws java.io.IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", exchange -> {
      byte[] body = BODY.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    server.start();
    return server;
  }

  static ConnectorClient client(String baseUrl, ApacheHttpTransport transport, RetryPolicy policy) throws Exception {
    ConnectorSpec connector = ConnectorLoader.parse("""
        name: stalling
        base_url: "{{ config.base_url }}"
        config:
          base_url: {required: true}
        endpoints:
          items: {path: /items, records: items}
        """, "stalling.yaml");
    return new ConnectorClient(new ConnectorPageFetcherFactory(connector, Map.of("base_url", baseUrl), null, null,
        policy, new LiveEnvironment(transport)));
  }
}
