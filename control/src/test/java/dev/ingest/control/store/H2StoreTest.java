package dev.ingest.control.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store contract on the embedded default: an H2 database file. */
class H2StoreTest extends StoreContract {
  @TempDir Path dir;

  @BeforeEach
  void openEmbedded() {
    open(StoreConfig.embedded(dir));
  }

  @Test
  void migratesOnceAndKeepsDataInTheFile() {
    try (Database again = Database.open(StoreConfig.embedded(dir))) {
      assertThat(again.migrationsApplied()).isZero();
    }
    assertThat(dir.resolve("ingest.mv.db")).exists();
  }

  @Test
  void configRedactsThePassword() {
    StoreConfig config = new StoreConfig("jdbc:postgresql://db:5432/ingest?password=hunter2", "ingest", "hunter2");

    assertThat(config.toString()).doesNotContain("hunter2").contains("password=***");
  }
}
