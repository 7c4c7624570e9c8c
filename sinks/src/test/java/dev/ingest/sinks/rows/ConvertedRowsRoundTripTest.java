package dev.ingest.sinks.rows;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ingest.sinks.schema.JsonRecords;
import dev.ingest.sinks.schema.MetadataColumns;
import dev.ingest.sinks.schema.SchemaInference;
import dev.ingest.sinks.tables.EndpointTables;
import dev.ingest.sinks.testing.RowWrites;
import dev.ingest.sinks.testing.TempWarehouseExtension;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.flink.table.data.RowData;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.Record;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Converted rows written through Iceberg's Parquet writers and read back with Iceberg's generic reader. */
class ConvertedRowsRoundTripTest {

  @RegisterExtension final TempWarehouseExtension warehouse = new TempWarehouseExtension();

  static final long NOW = Instant.parse("2026-03-01T12:00:00Z").toEpochMilli();

  @Test
  @SuppressWarnings("unchecked")
  void everyColumnTypeSurvivesParquet() throws Exception {
    Table table =
        EndpointTables.ensure(warehouse.catalog(), TableIdentifier.of("ns", "all_types"), JsonRowConverterTest.DATA, Map.of());
    JsonRowConverter converter = new JsonRowConverter(table.schema());
    RowData row =
        converter.convert(
            """
            {"s":"hello","l":1,"i":2,"d":1.5,"f":2.5,"b":true,"dec":12.34,"ts":"2024-05-06T07:08:09.123456+02:00",
             "tsl":"2024-05-06T07:08:09","dt":"2024-02-29","tm":"13:14:15","u":"123e4567-e89b-12d3-a456-426614174000",
             "bin":"AQID","fx":"AQID","st":{"a":1,"b":"x"},"li":[1,null,3],"m":{"k":1},"unknown":[true]}""",
            "run-1",
            NOW);

    RowWrites.append(table, List.of(row));
    Record r = TempWarehouseExtension.readAll(table).get(0);

    assertThat(r.getField("s")).isEqualTo("hello");
    assertThat(r.getField("l")).isEqualTo(1L);
    assertThat(r.getField("i")).isEqualTo(2);
    assertThat(r.getField("d")).isEqualTo(1.5);
    assertThat(r.getField("f")).isEqualTo(2.5f);
    assertThat(r.getField("b")).isEqualTo(true);
    assertThat(r.getField("dec")).isEqualTo(new BigDecimal("12.34"));
    assertThat(r.getField("ts")).isEqualTo(OffsetDateTime.parse("2024-05-06T05:08:09.123456Z"));
    assertThat(r.getField("tsl")).isEqualTo(LocalDateTime.parse("2024-05-06T07:08:09"));
    assertThat(r.getField("dt")).isEqualTo(LocalDate.parse("2024-02-29"));
    assertThat(r.getField("tm")).isEqualTo(LocalTime.parse("13:14:15"));
    assertThat(r.getField("u")).isEqualTo(UUID.fromString("123e4567-e89b-12d3-a456-426614174000"));
    assertThat(((ByteBuffer) r.getField("bin")).remaining()).isEqualTo(3);
    assertThat((byte[]) r.getField("fx")).containsExactly(1, 2, 3);
    assertThat(((Record) r.getField("st")).getField("b")).isEqualTo("x");
    assertThat((List<Object>) r.getField("li")).containsExactly(1L, null, 3L);
    assertThat((Map<Object, Object>) r.getField("m")).containsEntry("k", 1L);
    assertThat(r.getField(MetadataColumns.RUN_ID)).isEqualTo("run-1");
    assertThat(r.getField(MetadataColumns.INGESTED_AT)).isEqualTo(OffsetDateTime.ofInstant(Instant.ofEpochMilli(NOW), ZoneOffset.UTC));
    assertThat(r.getField(MetadataColumns.EXTRA)).isEqualTo("{\"unknown\":[true]}");
  }

  @Test
  void inferredTablesKeepOddFieldNamesAndLoseNothing() throws Exception {
    List<String> records =
        List.of(
            "{\"first name\":\"Ada\",\"@odata.etag\":\"W/1\",\"Größe\":1.5,\"a.b\":1,\"a\":{\"b\":2},\"n\":1,\"x\":[1,2]}",
            "{\"first name\":\"Bob\",\"n\":\"two\",\"x\":[\"m\",1],\"\":\"empty name\",\"_ingest_extra\":\"spoof\"}");
    Schema data = SchemaInference.infer(records);
    Table table = EndpointTables.ensure(warehouse.catalog(), TableIdentifier.of("ns", "odd"), data, Map.of());
    JsonRowConverter converter = new JsonRowConverter(table.schema());
    List<RowData> rows = new ArrayList<>();
    for (String json : records) {
      rows.add(converter.convert(json, "run-1", NOW));
    }

    RowWrites.append(table, rows);
    List<Record> read = TempWarehouseExtension.readAll(table);

    assertThat(read).hasSize(2);
    Record ada = read.stream().filter(r -> "Ada".equals(r.getField("first name"))).findFirst().orElseThrow();
    Record bob = read.stream().filter(r -> "Bob".equals(r.getField("first name"))).findFirst().orElseThrow();
    assertThat(ada.getField("@odata.etag")).isEqualTo("W/1");
    assertThat(ada.getField("Größe")).isEqualTo(1.5);
    assertThat(ada.getField("a.b")).isEqualTo(1L);
    assertThat(table.schema().findField("a")).as("'a.b' was seen first and claims the dotted name").isNull();
    assertThat(ada.getField(MetadataColumns.EXTRA)).isEqualTo("{\"a\":{\"b\":2}}");
    assertThat(ada.getField("n")).isEqualTo("1");
    assertThat(ada.getField("x")).isEqualTo("[1,2]");
    assertThat(bob.getField("n")).isEqualTo("two");
    assertThat(bob.getField("x")).isEqualTo("[\"m\",1]");
    assertThat(JsonRecords.mapper().readTree((String) bob.getField(MetadataColumns.EXTRA)))
        .isEqualTo(JsonRecords.mapper().readTree("{\"\":\"empty name\",\"_ingest_extra\":\"spoof\"}"));
  }
}
