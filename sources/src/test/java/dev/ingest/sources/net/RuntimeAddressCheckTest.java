package dev.ingest.sources.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.ingest.sources.fetch.EndpointException;
import dev.ingest.sources.fetch.ErrorClass;
import dev.ingest.sources.retry.RetryPolicy;
import dev.ingest.sources.runtime.ConnectorClient;
import dev.ingest.sources.runtime.ConnectorPageFetcherFactory;
import dev.ingest.sources.spec.ConnectorLoader;
import dev.ingest.sources.spec.ConnectorSpec;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The network policy is re-checked when requests are sent, not only when a pipeline is validated: a host name that
 * resolves to a refused address at connection time is never called, and the endpoint fails at once as
 * {@code ADDRESS_REFUSED}.
 */
class RuntimeAddressCheckTest {
  private HttpServer server;
  private final AtomicInteger served = new AtomicInteger();

  @BeforeEach
  void start() throws Exception {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", exchange -> {
      served.incrementAndGet();
      byte[] body = "{\"items\":[{\"id\":1}]}".getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private String localhostUrl() {
    return "http://localhost:" + server.getAddress().getPort();
  }

  @Test
  void aHostNameThatResolvesToLoopbackIsRefusedBeforeAnyRequest() throws Exception {
    ConnectorClient client = client(localhostUrl(), AddressPolicy.strict());

    assertThatThrownBy(() -> client.firstPage("items"))
        .isInstanceOfSatisfying(EndpointException.class, e -> {
          assertThat(e.errorClass()).isEqualTo(ErrorClass.ADDRESS_REFUSED);
          assertThat(e.stats().requests()).as("not retried").isEqualTo(1);
          assertThat(e.getMessage()).contains("refused at connection time").contains("host localhost resolves to")
              .contains("loopback");
        });
    assertThat(served).as("the server was never called").hasValue(0);
  }

  @Test
  void theSameHostIsCalledWhenThePolicyAllowsIt() throws Exception {
    ConnectorClient client = client(localhostUrl(), AddressPolicy.strict().allowingHost("localhost"));

    assertThat(client.firstPage("items").records()).hasSize(1);
    assertThat(served).hasValue(1);
  }

  @Test
  void aNameThatPassedValidationAndThenRebindsToTheMetadataServiceIsRefused() throws Exception {
    AtomicInteger lookups = new AtomicInteger();
    AddressPolicy rebinding = AddressPolicy.strict().withResolver(host -> new InetAddress[] {
        InetAddress.getByName(lookups.getAndIncrement() == 0 ? "93.184.216.34" : "169.254.169.254")});
    assertThat(rebinding.problem(localhostUrl())).as("validation saw a public address").isEmpty();
    ConnectorClient client = client(localhostUrl(), rebinding);

    assertThatThrownBy(() -> client.firstPage("items"))
        .isInstanceOfSatisfying(EndpointException.class, e -> {
          assertThat(e.errorClass()).isEqualTo(ErrorClass.ADDRESS_REFUSED);
          assertThat(e.getMessage()).contains("resolves to 169.254.169.254").contains("cloud metadata");
        });
    assertThat(served).hasValue(0);
  }

  private static ConnectorClient client(String baseUrl, AddressPolicy policy) throws Exception {
    ConnectorSpec connector = ConnectorLoader.parse("""
        name: rebinding
        base_url: "{{ config.base_url }}"
        config:
          base_url: {required: true}
        endpoints:
          items: {path: /items, records: items}
        """, "rebinding.yaml");
    return new ConnectorClient(new ConnectorPageFetcherFactory(connector, Map.of("base_url", baseUrl), null, null,
        RetryPolicy.defaults().withMaxAttempts(3).withBaseDelay(Duration.ofMillis(10))).withAddressPolicy(policy));
  }
}
