package dev.ingest.jobs.compile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ingest.jobs.spec.PipelineLoader;
import dev.ingest.jobs.spec.PipelineSpec;
import dev.ingest.jobs.spec.SpecDefaults;
import dev.ingest.jobs.spec.StateBackend;
import dev.ingest.sources.net.AddressPolicy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateBackendOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The state backend of a pipeline's job: the pipeline's choice, else the installation's; RocksDB incremental. */
class JobConfigurationTest {
  @TempDir Path dir;

  private PipelineSpec pipeline(String runtime) throws Exception {
    String yaml = """
        name: conf
        connector: sandbox
        config: {base_url: "http://127.0.0.1:9999"}
        credentials: {secret: sandbox-demo}
        endpoints: [tickets]
        schedule: "0 * * * *"
        %s
        """.formatted(runtime);
    return new PipelineLoader(new SpecDefaults(dir.resolve("warehouse"), dir.resolve("catalog.db"),
        AddressPolicy.strict().allowingHost("127.0.0.1")))
        .parse("conf.yaml", yaml.getBytes(StandardCharsets.UTF_8), dir);
  }

  @Test
  void usesTheInstallationsBackendWhenThePipelineNamesNone() throws Exception {
    Configuration conf = JobConfiguration.forPipeline(pipeline("runtime: {parallelism: 1}"), dir, "rocksdb");

    assertThat(conf.get(StateBackendOptions.STATE_BACKEND)).isEqualTo("rocksdb");
    assertThat(conf.get(CheckpointingOptions.INCREMENTAL_CHECKPOINTS)).isTrue();
  }

  @Test
  void thePipelinesBackendWins() throws Exception {
    Configuration heap = JobConfiguration.forPipeline(
        pipeline("runtime: {state_backend: hashmap}"), dir, StateBackend.ROCKSDB.flinkName());
    Configuration rocks = JobConfiguration.forPipeline(
        pipeline("runtime: {state_backend: rocksdb}"), dir, StateBackend.HASHMAP.flinkName());

    assertThat(heap.get(StateBackendOptions.STATE_BACKEND)).isEqualTo("hashmap");
    assertThat(heap.get(CheckpointingOptions.INCREMENTAL_CHECKPOINTS)).isFalse();
    assertThat(rocks.get(StateBackendOptions.STATE_BACKEND)).isEqualTo("rocksdb");
    assertThat(rocks.get(CheckpointingOptions.INCREMENTAL_CHECKPOINTS)).isTrue();
  }
}
