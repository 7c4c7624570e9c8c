package dev.ingest.sources.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.sun.net.httpserver.HttpServer;
import dev.ingest.sources.http.ApiRequest;
import dev.ingest.sources.http.ApiResponse;
import dev.ingest.sources.http.ApacheHttpTransport;
import dev.ingest.testkit.FaultProxy;
import dev.ingest.testkit.FaultProxy.Fault;
import java.io.EOFException;
import java.io.IOException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What each {@link FaultProxy} fault does to a real client on real sockets, seen through {@link ApacheHttpTransport}
 * (300 ms idle timeout, 2 s exchange deadline), and that the proxy counts connections and requests exactly.
 */
class FaultProxyTest {
  private HttpServer upstream;
  private final ApacheHttpTransport transport =
      new ApacheHttpTransport(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofMillis(300));

  @BeforeEach
  void start() throws IOException {
    upstream = StalledResponseITCase.jsonServer();
  }

  @AfterEach
  void stop() {
    transport.close();
    upstream.stop(0);
  }

  private FaultProxy proxy(Fault... faults) throws IOException {
    return FaultProxy.start(upstream.getAddress().getPort(), FaultProxy.Script.first(faults), Duration.ofSeconds(30),
        Duration.ofMillis(1));
  }

  private ApiResponse get(FaultProxy proxy) throws Exception {
    return transport.send(ApiRequest.get(proxy.baseUrl() + "/items"));
  }

  @Test
  void passedRequestsShareOneKeepAliveConnection() throws Exception {
    try (FaultProxy proxy = proxy()) {
      String first = get(proxy).bodyText();
      String second = get(proxy).bodyText();

      assertThat(first).isEqualTo(second).startsWith("{\"items\":[");
      assertThat(proxy.requests()).isEqualTo(2);
      assertThat(proxy.connections()).isEqualTo(1);
    }
  }

  @Test
  void eachFaultBreaksTheSocketTheWayItSays() throws Exception {
    try (FaultProxy proxy = proxy(Fault.RESET, Fault.TRUNCATE, Fault.STALL, Fault.HANG, Fault.DRIP)) {
      assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
        assertThatThrownBy(() -> get(proxy)).as("RESET").isInstanceOf(SocketException.class)
            .hasMessageContaining("reset");
        assertThatThrownBy(() -> get(proxy)).as("TRUNCATE").isInstanceOf(EOFException.class)
            .hasMessageContaining("response body ended after");
        assertThatThrownBy(() -> get(proxy)).as("STALL").isInstanceOf(SocketTimeoutException.class)
            .hasMessageContaining("idle timeout");
        assertThatThrownBy(() -> get(proxy)).as("HANG").isInstanceOf(SocketTimeoutException.class)
            .hasMessageContaining("idle timeout");
        assertThat(get(proxy).bodyText()).as("DRIP: slow but whole").startsWith("{\"items\":[");
      });
      assertThat(proxy.requests()).isEqualTo(5);
      assertThat(proxy.connections()).as("every fault but the drip ends its connection").isEqualTo(5);
      assertThat(proxy.count(Fault.DRIP)).isEqualTo(1);
    }
  }

  @Test
  void anInterruptEndsASendBlockedOnASilentServer() throws Exception {
    try (FaultProxy proxy = FaultProxy.start(upstream.getAddress().getPort(), FaultProxy.Script.always(Fault.HANG))) {
      ApacheHttpTransport patient = new ApacheHttpTransport(Duration.ofSeconds(1), Duration.ofSeconds(60));
      Thread[] sender = new Thread[1];
      CompletableFuture<Throwable> outcome = CompletableFuture.supplyAsync(() -> {
        sender[0] = Thread.currentThread();
        try {
          patient.send(ApiRequest.get(proxy.baseUrl() + "/items"));
          return null;
        } catch (Exception e) {
          return e;
        }
      });
      org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> proxy.requests() == 1);
      sender[0].interrupt();

      assertThat(outcome.get(5, TimeUnit.SECONDS)).isInstanceOf(InterruptedException.class);
      patient.close();
    }
  }

  @Test
  void aSlowDripPastTheDeadlineIsAnHttpTimeout() throws Exception {
    try (FaultProxy proxy = FaultProxy.start(upstream.getAddress().getPort(), FaultProxy.Script.always(Fault.DRIP),
        Duration.ofSeconds(30), Duration.ofMillis(20))) {
      assertThatThrownBy(() -> assertTimeoutPreemptively(Duration.ofSeconds(10), () -> get(proxy)))
          .isInstanceOf(HttpTimeoutException.class)
          .hasMessageStartingWith("no complete response within the request timeout of 2000 ms");
    }
  }
}
