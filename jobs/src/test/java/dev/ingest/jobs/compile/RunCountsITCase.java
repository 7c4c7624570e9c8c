package dev.ingest.jobs.compile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ingest.jobs.PipelineFixture;
import dev.ingest.jobs.local.LocalPipelineRunner;
import dev.ingest.jobs.spec.PipelineSpec;
import dev.ingest.sources.fetch.PageFetcherFactory;
import dev.ingest.sources.retry.RetryPolicy;
import dev.ingest.sources.runtime.ConnectorPageFetcherFactory;
import dev.ingest.sources.runtime.HttpEnvironment;
import dev.ingest.sandbox.SandboxApi;
import dev.ingest.testkit.ExternalServer;
import dev.ingest.testkit.FaultProxy;
import dev.ingest.testkit.FaultProxy.Fault;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.apache.iceberg.data.Record;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code _ingest_runs} counts every HTTP attempt, checked against {@link FaultProxy}, which counts the requests that
 * reached it on real sockets while resetting, truncating and stalling a fifth of them: the run rows' requests add
 * up to exactly the proxy's count, their retries to exactly the faults. An endpoint whose port is closed records
 * each of its attempts although none got a response. The built-in sandbox connector declares its schemas, so
 * planning sends no request.
 */
class RunCountsITCase {
  private static final RetryPolicy FAST = RetryPolicy.defaults().withBaseDelay(Duration.ofMillis(5))
      .withMaxDelay(Duration.ofMillis(50)).withMaxAttempts(8);

  @TempDir Path dir;
  private SandboxApi sandbox;
  private PipelineFixture fixture;

  @BeforeEach
  void start() throws Exception {
    sandbox = SandboxApi.builder().port(0).datasetSize("tickets", 2_000).datasetSize("contacts", 2_000).build().start();
    fixture = new PipelineFixture(dir, sandbox);
  }

  @AfterEach
  void stop() {
    sandbox.close();
  }

  @Test
  void runRowsCountExactlyTheRequestsTheProxyReceivedUnderTwentyPercentSocketFaults() throws Exception {
    FaultProxy.Script script = FaultProxy.Script.random(20261207L, 0.2, 4, Fault.RESET, Fault.TRUNCATE,
        Fault.STALL);
    try (FaultProxy proxy = FaultProxy.start(URI.create(sandbox.baseUrl()).getPort(), script,
        Duration.ofSeconds(30), Duration.ofMillis(1))) {
      PipelineSpec pipeline = run("counted", List.of("tickets", "contacts"),
          url -> url.replace(sandbox.baseUrl(), proxy.baseUrl()), FAST);

      Map<String, Record> runs = runs(pipeline);
      assertThat(runs.values()).extracting(r -> r.getField("status")).containsOnly("SUCCEEDED");
      assertThat(runs.get("tickets").getField("rows")).isEqualTo(2_000L);
      assertThat(runs.get("contacts").getField("rows")).isEqualTo(2_000L);
      int faults = proxy.count(Fault.RESET) + proxy.count(Fault.TRUNCATE) + proxy.count(Fault.STALL);
      assertThat(faults).as("%s", proxy).isGreaterThanOrEqualTo(3);
      assertThat(sum(runs, "requests")).as("requests in _ingest_runs = requests the proxy received (%s)", proxy)
          .isEqualTo(proxy.requests());
      assertThat(sum(runs, "retries")).isEqualTo(faults);
      assertThat(sum(runs, "decoded_bytes")).as("the sandbox gzips: more bytes decoded than on the wire")
          .isGreaterThan(sum(runs, "bytes") * 2);
    }
  }

  @Test
  void everyAttemptAgainstAClosedPortIsCounted() throws Exception {
    int closed = ExternalServer.freePort();
    PipelineSpec pipeline = run("unreachable", List.of("tickets"),
        url -> url.replace(sandbox.baseUrl(), "http://127.0.0.1:" + closed), FAST.withMaxAttempts(6));

    Record run = runs(pipeline).get("tickets");
    assertThat(run.getField("status")).isEqualTo("FAILED");
    assertThat(run.getField("error_class")).isEqualTo("NETWORK");
    assertThat(run.getField("requests")).isEqualTo(6L);
    assertThat(run.getField("retries")).isEqualTo(5L);
    assertThat(run.getField("pages")).isEqualTo(0L);
  }

  private PipelineSpec run(String name, List<String> endpoints, UnaryOperator<String> baseUrl, RetryPolicy policy)
      throws Exception {
    String yaml = baseUrl.apply(fixture.yaml(name, endpoints, "0 * * * *",
        "runtime: {parallelism: 2, checkpoint_interval: 300ms}"));
    PipelineSpec pipeline = fixture.load(yaml);
    new LocalPipelineRunner(fixture.home(), fixture.secrets()).progress(false)
        .decorateFetchers(fetchers -> shortTimeouts(fetchers, policy)).runOnce(pipeline);
    return pipeline;
  }

  /** A 2 s exchange deadline (stalls end there) and millisecond backoff. */
  private static PageFetcherFactory shortTimeouts(PageFetcherFactory fetchers, RetryPolicy policy) {
    return ((ConnectorPageFetcherFactory) fetchers)
        .withRuntime(policy, HttpEnvironment.withTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(2)));
  }

  private Map<String, Record> runs(PipelineSpec pipeline) throws Exception {
    return fixture.rows(pipeline, "_ingest_runs").stream()
        .collect(Collectors.toMap(r -> (String) r.getField("endpoint"), r -> r));
  }

  private static long sum(Map<String, Record> runs, String column) {
    return runs.values().stream().mapToLong(r -> (Long) r.getField(column)).sum();
  }
}
