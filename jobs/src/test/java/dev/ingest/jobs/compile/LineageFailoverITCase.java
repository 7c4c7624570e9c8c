package dev.ingest.jobs.compile;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ingest.jobs.PipelineFixture;
import dev.ingest.jobs.lineage.LineageReceiver;
import dev.ingest.jobs.spec.PipelineSpec;
import dev.ingest.sandbox.SandboxApi;
import dev.ingest.sinks.catalog.Catalogs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Lineage across a task failure: the job fails mid-run after a completed checkpoint and restarts from it; the
 * receiver gets one START and one COMPLETE for the run, both with the same run id, and COMPLETE counts every
 * record once.
 */
class LineageFailoverITCase {
  @TempDir Path dir;
  private SandboxApi sandbox;
  private PipelineFixture fixture;

  @BeforeEach
  void start() throws Exception {
    sandbox = SandboxApi.builder().port(0).requireBearerToken(PipelineFixture.TOKEN).latency(Duration.ofMillis(15))
        .datasetSize("tickets", 1_500).datasetSize("contacts", 2_000).build().start();
    fixture = new PipelineFixture(dir, sandbox);
  }

  @AfterEach
  void stop() {
    sandbox.close();
  }

  @Test
  void reportsTheRunOnceWithItsStableIdAfterATaskFailure() throws Exception {
    try (LineageReceiver receiver = LineageReceiver.start()) {
      PipelineSpec pipeline = fixture.load(fixture.yaml("lineage_failover", List.of("tickets", "contacts"),
          "0 * * * *", "runtime: {parallelism: 2, checkpoint_interval: 200ms}\n"
              + "lineage: {url: \"" + receiver.url() + "\"}"));
      Path checkpoints = fixture.home().checkpoints(pipeline.name());
      Files.createDirectories(checkpoints);
      Configuration conf = JobConfiguration.forPipeline(pipeline, checkpoints, "hashmap");
      StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(2, conf);
      FailOnceAfterCheckpoint failing = new FailOnceAfterCheckpoint(
          FetcherFactories.forPipeline(pipeline, fixture.secrets()), checkpoints, "contacts", 5);

      new PipelineCompiler(Catalogs.loader(pipeline.destination()), failing).withSecrets(fixture.secrets())
          .compile(env, pipeline, CompileOptions.once());
      env.execute("lineage-failover");

      assertThat(failing.fired()).as("the injected failure happened").isTrue();
      List<JsonNode> events = receiver.events();
      assertThat(events).extracting(e -> e.get("eventType").asText()).containsExactly("START", "COMPLETE");
      assertThat(events).extracting(e -> e.at("/run/runId").asText())
          .containsOnly(events.get(0).at("/run/runId").asText());
      JsonNode outputs = events.get(1).get("outputs");
      assertThat(outputs.get(0).at("/outputFacets/outputStatistics/rowCount").asLong()).isEqualTo(1_500L);
      assertThat(outputs.get(1).at("/outputFacets/outputStatistics/rowCount").asLong()).isEqualTo(2_000L);
      assertThat(fixture.rows(pipeline, "contacts")).hasSize(2_000);
    }
  }
}
