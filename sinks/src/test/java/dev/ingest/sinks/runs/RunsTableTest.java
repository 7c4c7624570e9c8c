package dev.ingest.sinks.runs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ingest.sinks.testing.RowWrites;
import dev.ingest.sinks.testing.TempWarehouseExtension;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.runtime.typeutils.RowDataSerializer;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.flink.FlinkSchemaUtil;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class RunsTableTest {

  @RegisterExtension final TempWarehouseExtension warehouse = new TempWarehouseExtension();

  static final long T0 = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();
  static final RunRow RUN =
      new RunRow("run-1", "asana.tasks", T0, T0 + 5, T0 + 1005, 1000, 3, 4, 250, 123456, 1, 1, 900, 0,
          "SUCCEEDED", null, null, "2025-12-31T00:00:00Z", "2026-01-01T00:00:00Z");
  /** A run whose responses were gzipped: 123,456 bytes on the wire, 987,654 after decoding. */
  static final RunRow GZIPPED =
      new RunRow("run-2", "asana.tasks", T0, T0 + 5, T0 + 1005, 1000, 3, 4, 250, 123456, 1, 1, 900, 0,
          "SUCCEEDED", null, null, null, null, 987_654L);
  /** A run whose API stated a total of 260 records, ten more than landed. */
  static final RunRow STATED =
      new RunRow("run-3", "asana.tasks", T0, T0 + 5, T0 + 1005, 1000, 3, 4, 250, 123456, 1, 1, 900, 0,
          "SUCCEEDED", null, null, null, null, 123456L, 260L);

  @Test
  void rowMatchesTheSchema() {
    RowData row = RunsTable.toRow(RUN);

    RowData binary = new RowDataSerializer(FlinkSchemaUtil.convert(RunsTable.schema())).toBinaryRow(row);

    assertThat(binary.getArity()).isEqualTo(RunsTable.schema().columns().size()).isEqualTo(21);
    assertThat(binary.getString(0).toString()).isEqualTo("run-1");
    assertThat(binary.getTimestamp(4, 6).getMillisecond()).isEqualTo(T0 + 1005);
    assertThat(binary.getLong(8)).isEqualTo(250);
    assertThat(binary.isNullAt(15)).isTrue();
    assertThat(binary.getString(17).toString()).isEqualTo("2025-12-31T00:00:00Z");
    assertThat(binary.getString(18).toString()).isEqualTo("2026-01-01T00:00:00Z");
    assertThat(binary.isNullAt(19)).as("no decoded figure given").isTrue();
    assertThat(new RowDataSerializer(FlinkSchemaUtil.convert(RunsTable.schema())).toBinaryRow(RunsTable.toRow(
        GZIPPED)).getLong(19)).isEqualTo(987_654);
    assertThat(binary.isNullAt(20)).as("no total stated").isTrue();
    assertThat(new RowDataSerializer(FlinkSchemaUtil.convert(RunsTable.schema())).toBinaryRow(RunsTable.toRow(
        STATED)).getLong(20)).isEqualTo(260);
  }

  @Test
  void aTableCreatedBeforeApiTotalGainsTheColumnAndKeepsItsRows() {
    TableIdentifier id = TableIdentifier.of("p", RunsTable.NAME);
    Table old = warehouse.catalog().createTable(id, new Schema(RunsTable.schema().columns().stream()
        .filter(c -> !c.name().equals("api_total")).toList()));
    RowWrites.append(old, List.of(org.apache.flink.table.data.utils.ProjectedRowData.from(
        java.util.stream.IntStream.range(0, 20).toArray()).replaceRow(RunsTable.toRow(GZIPPED))));

    Table table = RunsTable.ensure(warehouse.catalog(), id);
    RowWrites.append(table, List.of(RunsTable.toRow(STATED)));

    assertThat(TempWarehouseExtension.readAll(table)).extracting(r -> r.getField("run_id"), r -> r.getField("rows"),
        r -> r.getField("api_total")).containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple("run-2", 250L, null),
            org.assertj.core.groups.Tuple.tuple("run-3", 250L, 260L));
  }

  @Test
  void aTableCreatedBeforeDecodedBytesGainsTheColumnAndKeepsItsRows() {
    TableIdentifier id = TableIdentifier.of("p", RunsTable.NAME);
    Schema before = new Schema(RunsTable.schema().columns().stream()
        .filter(c -> !c.name().equals("decoded_bytes") && !c.name().equals("api_total")).toList());
    Table old = warehouse.catalog().createTable(id, before);
    RowWrites.append(old, List.of(org.apache.flink.table.data.utils.ProjectedRowData.from(
        java.util.stream.IntStream.range(0, 19).toArray()).replaceRow(RunsTable.toRow(RUN))));

    Table table = RunsTable.ensure(warehouse.catalog(), id);
    RowWrites.append(table, List.of(RunsTable.toRow(GZIPPED)));

    assertThat(table.schema().findField("decoded_bytes").type()).isEqualTo(
        org.apache.iceberg.types.Types.LongType.get());
    List<Record> rows = TempWarehouseExtension.readAll(table);
    assertThat(rows).extracting(r -> r.getField("run_id"), r -> r.getField("bytes"), r -> r.getField("decoded_bytes"))
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple("run-1", 123456L, null),
            org.assertj.core.groups.Tuple.tuple("run-2", 123456L, 987_654L));
  }

  @Test
  void aTableCreatedBeforeCursorEndGainsTheColumn() {
    TableIdentifier id = TableIdentifier.of("p", RunsTable.NAME);
    // the layout before cursor_end: the columns of later versions are missing too
    warehouse.catalog().createTable(id, new Schema(RunsTable.schema().columns().stream()
        .filter(c -> !c.name().equals("cursor_end") && !c.name().equals("decoded_bytes")
            && !c.name().equals("api_total")).toList()));

    Table table = RunsTable.ensure(warehouse.catalog(), id);

    assertThat(table.schema().findField("cursor_end")).isNotNull();
    RowWrites.append(table, List.of(RunsTable.toRow(RUN)));
    assertThat(TempWarehouseExtension.readAll(table).get(0).getField("cursor_end")).isEqualTo("2026-01-01T00:00:00Z");
  }

  @Test
  void rowsWriteAndReadBackThroughIceberg() {
    Table table = RunsTable.ensure(warehouse.catalog(), TableIdentifier.of("p", RunsTable.NAME));
    RowWrites.append(table, List.of(RunsTable.toRow(RUN)));

    List<Record> rows = TempWarehouseExtension.readAll(table);

    assertThat(rows).hasSize(1);
    Record r = rows.get(0);
    assertThat(r.getField("endpoint")).isEqualTo("asana.tasks");
    assertThat(r.getField("run_started_at")).isEqualTo(OffsetDateTime.ofInstant(Instant.ofEpochMilli(T0), ZoneOffset.UTC));
    assertThat(r.getField("waited_ms")).isEqualTo(900L);
    assertThat(r.getField("status")).isEqualTo("SUCCEEDED");
    assertThat(r.getField("error_class")).isNull();
    assertThat(RunsTable.ensure(warehouse.catalog(), TableIdentifier.of("p", RunsTable.NAME)).schema().sameSchema(table.schema())).isTrue();
  }
}
