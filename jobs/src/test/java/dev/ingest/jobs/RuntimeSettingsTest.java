package dev.ingest.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ingest.jobs.spec.StateBackend;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The installation's default state backend from {@code config.yaml}'s {@code runtime:} section. */
class RuntimeSettingsTest {
  @TempDir Path dir;

  @Test
  void defaultsToHashmapWithoutAConfigFileOrSection() throws Exception {
    IngestHome home = new IngestHome(dir);
    assertThat(RuntimeSettings.stateBackend(home)).isEqualTo(StateBackend.HASHMAP);

    Files.writeString(home.configFile(), "network: {allow_private_networks: false}\n");
    assertThat(RuntimeSettings.stateBackend(home)).isEqualTo(StateBackend.HASHMAP);
  }

  @Test
  void readsRocksdbFromTheRuntimeSection() throws Exception {
    IngestHome home = new IngestHome(dir);
    Files.writeString(home.configFile(), "runtime: {state_backend: rocksdb}\n");

    assertThat(RuntimeSettings.stateBackend(home)).isEqualTo(StateBackend.ROCKSDB);
  }

  @Test
  void rejectsUnknownBackendsAndKeysNamingThem() throws Exception {
    IngestHome home = new IngestHome(dir);
    Files.writeString(home.configFile(), "runtime: {state_backend: memory}\n");
    assertThatThrownBy(() -> RuntimeSettings.stateBackend(home)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("runtime.state_backend").hasMessageContaining("'memory'");

    Files.writeString(home.configFile(), "runtime: {parallelism: 4}\n");
    assertThatThrownBy(() -> RuntimeSettings.stateBackend(home)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("runtime.parallelism: unknown setting");
  }
}
