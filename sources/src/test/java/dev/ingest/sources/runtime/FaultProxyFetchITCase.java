package dev.ingest.sources.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.ingest.sources.fetch.FetchStats;
import dev.ingest.sources.http.ApacheHttpTransport;
import dev.ingest.sources.records.JsonBodies;
import dev.ingest.sandbox.SandboxApi;
import dev.ingest.sources.spec.ConnectorCatalog;
import dev.ingest.testkit.FaultProxy;
import dev.ingest.testkit.FaultProxy.Fault;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A whole endpoint fetched by the production fetcher ({@code ConnectorPageFetcher} over {@link ApacheHttpTransport})
 * through {@link FaultProxy}, which resets, truncates and stalls 20 % of the requests on real sockets: the fetch
 * ends with exactly the sandbox's records, and the requests it reports equal the requests the proxy received (no
 * attempt uncounted, none resent behind the runtime's back); every faulted connection is replaced by exactly one
 * new one.
 */
class FaultProxyFetchITCase {

  private SandboxApi sandbox;
  private ApacheHttpTransport transport;

  @BeforeEach
  void start() {
    sandbox = SandboxApi.builder().datasetSize("tickets", 4_000).datasetSize("contacts", 4_000).build().start();
    transport = new ApacheHttpTransport(Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(1));
  }

  @AfterEach
  void stop() {
    transport.close();
    sandbox.close();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"tickets", "contacts"})
  void landsExactlyTheUpstreamsRecordsAndCountsEveryRequestTheProxySaw(String endpoint) throws Exception {
    int upstreamPort = URI.create(sandbox.baseUrl()).getPort();
    FaultProxy.Script script = FaultProxy.Script.random(endpoint.hashCode(), 0.2, 4, Fault.RESET, Fault.TRUNCATE,
        Fault.STALL);
    try (FaultProxy proxy = FaultProxy.start(upstreamPort, script, Duration.ofSeconds(30), Duration.ofMillis(1))) {
      AllPages fetched = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> fetchAll(proxy, endpoint));
      FetchStats stats = fetched.stats();

      assertThat(fetched.records()).containsExactlyElementsOf(
          sandbox.records(endpoint).stream().map(JsonBodies::write).toList());
      int faults = proxy.count(Fault.RESET) + proxy.count(Fault.TRUNCATE) + proxy.count(Fault.STALL);
      assertThat(faults).as("the plan faulted some requests of each kind: %s", proxy).isGreaterThanOrEqualTo(3);
      assertThat(stats.requests()).as("requests counted by the runtime = requests the proxy received")
          .isEqualTo(proxy.requests());
      assertThat(stats.retries()).isEqualTo(faults);
      assertThat(proxy.connections()).as("one keep-alive connection, replaced after each fault")
          .isEqualTo(faults + 1);
    }
  }

  private AllPages fetchAll(FaultProxy proxy, String endpoint) throws Exception {
    return AllPages.fetch(new ConnectorPageFetcherFactory(ConnectorCatalog.builtIn().find("sandbox").orElseThrow(),
        Map.of("base_url", proxy.baseUrl()), "demo", new MemorySecrets().with("demo", Map.of("token", "t0ken")),
        AllPages.FAST, new LiveEnvironment(transport)), endpoint);
  }
}
