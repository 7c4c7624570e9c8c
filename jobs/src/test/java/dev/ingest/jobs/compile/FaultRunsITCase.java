package dev.ingest.jobs.compile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ingest.jobs.PipelineFixture;
import dev.ingest.jobs.local.LocalPipelineRunner;
import dev.ingest.jobs.spec.PipelineSpec;
import dev.ingest.sources.sandbox.Fault;
import dev.ingest.sources.sandbox.SandboxApi;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.iceberg.data.Record;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Faults through the whole pipeline, read back from {@code _ingest_runs}: recoverable faults (5xx bursts, an HTML
 * 502, a connection reset, a truncated body, 429s with and without Retry-After, and a random storm of them) land
 * exactly the served records and are counted as retries and throttles; a permanent 404 fails only its endpoint,
 * with its class. Nothing is lost silently: every endpoint has a run row saying what happened.
 */
class FaultRunsITCase {
  @TempDir Path dir;
  private SandboxApi sandbox;
  private PipelineFixture fixture;

  @BeforeEach
  void start() throws Exception {
    sandbox = SandboxApi.builder().port(0).requireBearerToken(PipelineFixture.TOKEN)
        .datasetSize("tickets", 900).datasetSize("contacts", 300).datasetSize("issues", 700)
        .datasetSize("events", 1_500).build().start();
    fixture = new PipelineFixture(dir, sandbox);
  }

  @AfterEach
  void stop() {
    sandbox.close();
  }

  @Test
  void recoverableFaultsLandExactlyAndPermanentOnesFailTheirEndpointWithTheirClass() throws Exception {
    sandbox.faults()
        .next("tickets", Fault.status(503), Fault.status(503), Fault.status(502).htmlBody(), Fault.reset(),
            Fault.truncate())
        .next("issues", Fault.status(429).retryAfterSeconds(1), Fault.status(429))
        .always("contacts", Fault.status(404))
        .randomly("events", 0.25, 11, Fault.status(500), Fault.reset(), Fault.truncate(),
            Fault.status(429).retryAfterSeconds(0));
    List<String> endpoints = List.of("tickets", "contacts", "issues", "events");
    PipelineSpec pipeline = fixture.load(fixture.yaml("faults", endpoints, "0 * * * *",
        "runtime: {parallelism: 2, checkpoint_interval: 500ms}"));

    new LocalPipelineRunner(fixture.home(), fixture.secrets()).progress(false).runOnce(pipeline);

    Map<Object, Record> runs = fixture.rows(pipeline, "_ingest_runs").stream()
        .collect(Collectors.toMap(r -> r.getField("endpoint"), r -> r));
    assertThat(runs).containsOnlyKeys(endpoints.toArray());

    for (String exact : List.of("tickets", "issues", "events")) {
      Record run = runs.get(exact);
      assertThat(run.getField("status")).as(exact).isEqualTo("SUCCEEDED");
      assertThat(run.getField("rows")).as(exact).isEqualTo((long) sandbox.size(exact));
      List<String> ids = fixture.rows(pipeline, exact).stream().map(r -> String.valueOf(r.getField("id"))).toList();
      List<String> served = sandbox.records(exact).stream().map(n -> n.get("id").asText()).toList();
      assertThat(ids).as("%s: exactly the served records", exact).containsExactlyInAnyOrderElementsOf(served);
    }
    assertThat((Long) runs.get("tickets").getField("retries")).as("5xx, HTML 502, reset, truncation retried")
        .isGreaterThanOrEqualTo(5L);
    assertThat((Long) runs.get("issues").getField("throttled")).as("429s counted").isGreaterThanOrEqualTo(2L);
    assertThat((Long) runs.get("events").getField("retries") + (Long) runs.get("events").getField("throttled"))
        .as("the storm hit the events endpoint").isPositive();

    Record notFound = runs.get("contacts");
    assertThat(notFound.getField("status")).isEqualTo("FAILED");
    assertThat(notFound.getField("error_class")).isEqualTo("NOT_FOUND");
    assertThat((String) notFound.getField("error_message")).contains("404");
    assertThat(fixture.rows(pipeline, "contacts")).isEmpty();
  }
}
