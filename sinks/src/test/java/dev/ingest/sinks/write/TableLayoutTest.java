package dev.ingest.sinks.write;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The table layout each write mode needs, with and without a configured partitioning. */
class TableLayoutTest {
  private static final Partitioning BY_ID = Partitioning.of("id", "identity");

  @Test
  void appendAndFullRefreshPartitionByIngestionDayUnlessConfigured() {
    assertThat(TableLayout.forMode(WriteMode.APPEND, List.of(), null))
        .isEqualTo(TableLayout.append(TableLayout.INGESTION_DAY));
    assertThat(TableLayout.forMode(WriteMode.FULL_REFRESH, List.of(), null))
        .isEqualTo(TableLayout.fullRefresh(TableLayout.INGESTION_DAY));
    assertThat(TableLayout.forMode(WriteMode.APPEND, List.of(), BY_ID).partitioning()).isEqualTo(BY_ID);
  }

  @Test
  void fullRefreshPartitionsByRunFirst() {
    assertThat(TableLayout.forMode(WriteMode.FULL_REFRESH, List.of(), BY_ID).partitionedByRun()).isTrue();
    assertThat(TableLayout.forMode(WriteMode.APPEND, List.of(), BY_ID).partitionedByRun()).isFalse();
  }

  @Test
  void upsertIsUnpartitionedUnlessConfiguredByAKeyColumn() {
    TableLayout upsert = TableLayout.forMode(WriteMode.UPSERT, List.of("id"), null);

    assertThat(upsert.partitioning()).isEqualTo(Partitioning.NONE);
    assertThat(upsert.primaryKey()).containsExactly("id");
    assertThat(TableLayout.forMode(WriteMode.UPSERT, List.of("id"), BY_ID).partitioning()).isEqualTo(BY_ID);
    assertThatThrownBy(() -> TableLayout.forMode(WriteMode.UPSERT, List.of("id"),
        Partitioning.of("updated_at", "day"))).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("must be part of the primary key");
  }
}
