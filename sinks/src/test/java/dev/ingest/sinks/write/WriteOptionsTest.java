package dev.ingest.sinks.write;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ingest.sinks.refresh.StagedRunPublisher;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each write mode's Iceberg write: where the commits go and whether rows are upserted. */
class WriteOptionsTest {

  @Test
  void appendWritesMainWithoutKey() {
    WriteOptions options = WriteOptions.forMode(WriteMode.APPEND, List.of());

    assertThat(options.isUpsert()).isFalse();
    assertThat(options.targetBranch()).isEmpty();
    assertThat(options.traceColumn()).isEmpty();
  }

  @Test
  void upsertWritesMainByItsKey() {
    WriteOptions options = WriteOptions.forMode(WriteMode.UPSERT, List.of("id", "region"));

    assertThat(options.isUpsert()).isTrue();
    assertThat(options.upsertKey()).containsExactly("id", "region");
    assertThat(options.targetBranch()).isEmpty();
  }

  @Test
  void fullRefreshAppendsToTheStagingBranch() {
    WriteOptions options = WriteOptions.forMode(WriteMode.FULL_REFRESH, List.of());

    assertThat(options.isUpsert()).isFalse();
    assertThat(options.targetBranch()).contains(StagedRunPublisher.STAGING_BRANCH);
  }

  @Test
  void upsertNeedsAKeyAndOnlyAnUpsertTakesOne() {
    assertThatThrownBy(() -> WriteOptions.forMode(WriteMode.UPSERT, List.of()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("key column");
    assertThatThrownBy(() -> WriteOptions.forMode(WriteMode.APPEND, List.of("id")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("only used by an upsert");
  }

  @Test
  void tracingRunsKeepsTheModesWrite() {
    WriteOptions options = WriteOptions.forMode(WriteMode.UPSERT, List.of("id")).tracingRuns("run_id");

    assertThat(options.traceColumn()).contains("run_id");
    assertThat(options.upsertKey()).containsExactly("id");
  }
}
