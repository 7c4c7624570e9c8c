package dev.ingest.sinks.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.iceberg.Schema;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.Test;

class MetadataColumnsTest {

  @Test
  void appendsTheMetadataColumnsAfterTheDataColumns() {
    Schema data =
        new Schema(
            Types.NestedField.optional(7, "id", Types.LongType.get()),
            Types.NestedField.optional(9, "o", Types.StructType.of(Types.NestedField.optional(8, "x", Types.StringType.get()))));

    Schema full = MetadataColumns.withMetadata(data);

    assertThat(full.columns())
        .extracting(Types.NestedField::name)
        .containsExactly("id", "o", "_ingest_run_id", "_ingested_at", "_ingest_extra");
    assertThat(full.findField("_ingest_run_id").isRequired()).isTrue();
    assertThat(full.findType("_ingested_at")).isEqualTo(Types.TimestampType.withZone());
    assertThat(full.findField("_ingest_extra").isOptional()).isTrue();
    assertThat(full.findField("o.x")).isNotNull();
    assertThat(full.highestFieldId()).isEqualTo(6);
  }

  @Test
  void rejectsDataSchemasUsingAMetadataName() {
    Schema data = new Schema(Types.NestedField.optional(1, "_ingested_at", Types.StringType.get()));

    assertThatThrownBy(() -> MetadataColumns.withMetadata(data))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("data schema must not contain the metadata column '_ingested_at'");
  }
}
