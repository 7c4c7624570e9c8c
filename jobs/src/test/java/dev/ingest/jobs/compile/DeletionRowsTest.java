package dev.ingest.jobs.compile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ingest.sinks.rows.JsonRowConverter;
import dev.ingest.sinks.rows.RecordConversionException;
import dev.ingest.sinks.schema.MetadataColumns;
import java.util.List;
import org.apache.flink.table.data.RowData;
import org.apache.flink.types.RowKind;
import org.apache.iceberg.Schema;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.Test;

/** A Stripe {@code customer.deleted} event becomes a DELETE row of the customers table, keyed by the customer's id. */
class DeletionRowsTest {
  private final JsonRowConverter customers = new JsonRowConverter(MetadataColumns.withMetadata(new Schema(
      Types.NestedField.required(1, "id", Types.StringType.get()),
      Types.NestedField.optional(2, "email", Types.StringType.get()))));
  private final DeletionRows deletions = new DeletionRows("customers", List.of("id"), List.of("data.object.id"));

  @Test
  void keyFromTheRecordRestNullKindDelete() throws Exception {
    RowData row = deletions.toDelete("""
        {"id": "evt_1", "type": "customer.deleted", "data": {"object": {"id": "cus_9", "email": "a@b.c"}}}""",
        "run-1", 1_000L, customers);
    assertThat(row.getRowKind()).isEqualTo(RowKind.DELETE);
    assertThat(row.getString(0).toString()).isEqualTo("cus_9");
    assertThat(row.isNullAt(1)).isTrue();
  }

  @Test
  void aRecordWithoutTheKeyIsAConversionError() {
    assertThatThrownBy(() -> deletions.toDelete("{\"id\": \"evt_2\", \"data\": {}}", "run-1", 1_000L, customers))
        .isInstanceOf(RecordConversionException.class)
        .hasMessage("deletion record of customers has no key value at data.object.id");
    assertThatThrownBy(() -> new DeletionRows("customers", List.of("id"), List.of("a", "b")))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
