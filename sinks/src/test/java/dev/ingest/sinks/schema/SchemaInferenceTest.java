package dev.ingest.sinks.schema;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ingest.sinks.rows.JsonRowConverter;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.apache.flink.table.data.RowData;
import org.apache.iceberg.Schema;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.TypeUtil;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.Test;

class SchemaInferenceTest {

  @Test
  void mapsJsonKindsToColumnTypes() {
    Schema s = infer("{\"name\":\"a\",\"count\":3,\"ratio\":0.5,\"done\":true,\"tags\":[\"x\"],\"owner\":{\"id\":7}}");

    assertThat(type(s, "name")).isEqualTo(Types.StringType.get());
    assertThat(type(s, "count")).isEqualTo(Types.LongType.get());
    assertThat(type(s, "ratio")).isEqualTo(Types.DoubleType.get());
    assertThat(type(s, "done")).isEqualTo(Types.BooleanType.get());
    assertThat(type(s, "tags").isListType()).isTrue();
    assertThat(type(s, "tags").asListType().elementType()).isEqualTo(Types.StringType.get());
    assertThat(type(s, "owner").asStructType().field("id").type()).isEqualTo(Types.LongType.get());
    assertThat(s.columns()).extracting(Types.NestedField::name).containsExactly("name", "count", "ratio", "done", "tags", "owner");
  }

  @Test
  void widensIntegerAndDoubleToDouble() {
    Schema s = infer("{\"v\":1,\"l\":[1]}", "{\"v\":2.5,\"l\":[2.5, 3]}");

    assertThat(type(s, "v")).isEqualTo(Types.DoubleType.get());
    assertThat(type(s, "l").asListType().elementType()).isEqualTo(Types.DoubleType.get());
  }

  @Test
  void makesNullOnlyAndEmptyValuesStrings() {
    Schema s = infer("{\"n\":null,\"empty\":[],\"obj\":{}}", "{\"n\":null,\"obj\":{}}");

    assertThat(type(s, "n")).isEqualTo(Types.StringType.get());
    assertThat(type(s, "empty").asListType().elementType()).isEqualTo(Types.StringType.get());
    assertThat(type(s, "obj")).isEqualTo(Types.StringType.get());
  }

  @Test
  void letsLaterValuesDecideFieldsThatWereNullOrAbsent() {
    Schema s = infer("{\"a\":null}", "{\"a\":5,\"b\":true}", "{}");

    assertThat(type(s, "a")).isEqualTo(Types.LongType.get());
    assertThat(type(s, "b")).isEqualTo(Types.BooleanType.get());
  }

  @Test
  void makesConflictingFieldsStringColumns() {
    Schema s =
        infer(
            "{\"num_str\":1,\"obj_scalar\":{\"a\":1},\"arr_scalar\":[1],\"bool_num\":true,\"mixed\":[1,\"a\"],\"objs\":[{\"a\":1},2]}",
            "{\"num_str\":\"one\",\"obj_scalar\":5,\"arr_scalar\":\"x\",\"bool_num\":0}");

    for (String name : List.of("num_str", "obj_scalar", "arr_scalar", "bool_num", "mixed", "objs")) {
      assertThat(type(s, name)).as(name).isEqualTo(Types.StringType.get());
    }
  }

  @Test
  void keepsAStringColumnOnceItConflicted() {
    Schema s = infer("{\"a\":1}", "{\"a\":\"x\"}", "{\"a\":2}");

    assertThat(type(s, "a")).isEqualTo(Types.StringType.get());
  }

  @Test
  void mergesNestedObjectsFieldByField() {
    Schema s =
        infer(
            "{\"o\":{\"a\":1,\"in\":{\"x\":true}},\"items\":[{\"id\":1},{\"name\":\"n\"}]}",
            "{\"o\":{\"b\":\"s\",\"a\":\"conflict\",\"in\":{\"y\":1.5}},\"items\":[{\"id\":2.5}]}");

    Types.StructType o = type(s, "o").asStructType();
    assertThat(o.fields()).extracting(Types.NestedField::name).containsExactly("a", "in", "b");
    assertThat(o.field("a").type()).isEqualTo(Types.StringType.get());
    assertThat(o.field("in").type().asStructType().fields()).extracting(Types.NestedField::name).containsExactly("x", "y");
    Types.StructType item = type(s, "items").asListType().elementType().asStructType();
    assertThat(item.field("id").type()).isEqualTo(Types.DoubleType.get());
    assertThat(item.field("name").type()).isEqualTo(Types.StringType.get());
  }

  @Test
  void makesEveryColumnOptionalWithUniqueIds() {
    Schema s = infer("{\"a\":{\"b\":[{\"c\":1}]},\"d\":[[1]]}");

    assertThat(TypeUtil.indexById(s.asStruct()).values()).allMatch(Types.NestedField::isOptional);
    assertThat(type(s, "a").asStructType().field("b").type().asListType().isElementOptional()).isTrue();
    assertThat(TypeUtil.indexById(s.asStruct())).hasSize(7);
    assertThat(s.highestFieldId()).isEqualTo(7);
  }

  @Test
  void keepsFieldNamesAsServed() {
    Schema s = infer("{\"first name\":\"a\",\"@odata.etag\":\"e\",\"Größe\":1,\"Id\":1,\"id\":2,\"$ref\":\"r\"}");

    assertThat(s.columns())
        .extracting(Types.NestedField::name)
        .containsExactly("first name", "@odata.etag", "Größe", "Id", "id", "$ref");
  }

  @Test
  void givesNoColumnToAFieldWhoseDottedNameIsTaken() {
    Schema s = infer("{\"a.b\":1,\"a\":{\"b\":2,\"c\":3},\"o\":{\"x\":{\"y\":1},\"x.y\":2}}");

    assertThat(s.columns()).extracting(Types.NestedField::name).containsExactly("a.b", "o");
    assertThat(type(s, "o").asStructType().fields()).extracting(Types.NestedField::name).containsExactly("x");
  }

  @Test
  void skipsMetadataNamesEmptyNamesAndNonObjectSamples() {
    Schema s = infer("{\"_ingest_run_id\":\"x\",\"\":1,\"ok\":1}", "[1,2]", "not json", "null");

    assertThat(s.columns()).extracting(Types.NestedField::name).containsExactly("ok");
  }

  @Test
  void capsNestingDepthWithStringColumns() {
    int levels = 200;
    String deep = "{\"n\":".repeat(levels) + "1" + "}".repeat(levels);
    Schema s = infer(deep);

    Type t = type(s, "n");
    int structs = 0;
    while (t.isStructType()) {
      t = t.asStructType().field("n").type();
      structs++;
    }
    assertThat(structs).isEqualTo(SchemaInference.MAX_DEPTH);
    assertThat(t).isEqualTo(Types.StringType.get());
  }

  @Test
  void typesIsoTimestampsWithAnOffsetAsTimestamptzAndCalendarDatesAsDate() {
    Schema s = infer(
        "{\"updated_at\":\"2026-03-01T10:15:30Z\",\"day\":\"2026-03-01\",\"at\":[\"2026-03-01T10:15Z\"],"
            + "\"owner\":{\"seen\":\"2026-03-01T10:15:30.123456+01:00\"},\"later\":null}",
        "{\"updated_at\":\"2026-03-02 08:00:00.5-0530\",\"day\":\"2024-02-29\",\"at\":[],"
            + "\"owner\":{\"seen\":null},\"later\":\"2026-12-31T23:59:59z\"}");

    assertThat(type(s, "updated_at")).isEqualTo(Types.TimestampType.withZone());
    assertThat(type(s, "day")).isEqualTo(Types.DateType.get());
    assertThat(type(s, "at").asListType().elementType()).isEqualTo(Types.TimestampType.withZone());
    assertThat(type(s, "owner").asStructType().field("seen").type()).isEqualTo(Types.TimestampType.withZone());
    assertThat(type(s, "later")).isEqualTo(Types.TimestampType.withZone());
  }

  @Test
  void keepsStringWhenAnySampledValueIsNotATimestampWithOffsetOrADate() {
    Schema s = infer(
        "{\"no_offset\":\"2026-03-01T10:15:30\",\"then_text\":\"2026-03-01T10:15:30Z\",\"ts_and_date\":\"2026-03-01\","
            + "\"bad_day\":\"2026-02-30\",\"bad_month\":\"2026-13-01T00:00:00Z\",\"epoch_then_iso\":1767225600,"
            + "\"list\":[\"2026-03-01T10:15:30Z\",\"soon\"],\"date_time\":\"2026-03-01T10:15:30Z\",\"short\":\"2026-03\"}",
        "{\"then_text\":\"yesterday\",\"ts_and_date\":\"2026-03-01T00:00:00Z\",\"epoch_then_iso\":\"2026-01-01T00:00:00Z\","
            + "\"date_time\":\"2026-03-01\"}");

    for (String name : List.of("no_offset", "then_text", "ts_and_date", "bad_day", "bad_month", "epoch_then_iso",
        "date_time", "short")) {
      assertThat(type(s, name)).as(name).isEqualTo(Types.StringType.get());
    }
    // text elements that do not all parse make a list of strings, not a JSON-text column
    assertThat(type(s, "list").asListType().elementType()).isEqualTo(Types.StringType.get());
  }

  @Test
  void inferredTemporalColumnsConvertTheSampledValuesAndKeepALaterUnparsableValueInExtra() throws Exception {
    String sample = "{\"id\":1,\"updated_at\":\"2026-03-01T10:15:30.5+01:00\",\"day\":\"2026-03-01\"}";
    Schema table = MetadataColumns.withMetadata(infer(sample));
    JsonRowConverter converter = new JsonRowConverter(table);
    int updatedAt = table.columns().indexOf(table.findField("updated_at"));
    int day = table.columns().indexOf(table.findField("day"));
    int extra = table.columns().indexOf(table.findField(MetadataColumns.EXTRA));

    RowData row = converter.convert(sample, "run-1", 0L);
    assertThat(row.getTimestamp(updatedAt, 6).toInstant()).isEqualTo(Instant.parse("2026-03-01T09:15:30.500Z"));
    assertThat(row.getInt(day)).isEqualTo((int) LocalDate.parse("2026-03-01").toEpochDay());
    assertThat(row.isNullAt(extra)).isTrue();

    RowData later = converter.convert("{\"id\":2,\"updated_at\":\"not yet\",\"day\":\"2026-03-01\"}", "run-2", 0L);
    assertThat(later.isNullAt(updatedAt)).isTrue();
    assertThat(later.getInt(day)).isEqualTo((int) LocalDate.parse("2026-03-01").toEpochDay());
    assertThat(later.getString(extra).toString()).isEqualTo("{\"updated_at\":\"not yet\"}");
  }

  @Test
  void infersNothingFromNoSamples() {
    assertThat(SchemaInference.infer(List.of()).columns()).isEmpty();
  }

  private static Schema infer(String... records) {
    return SchemaInference.infer(List.of(records));
  }

  private static Type type(Schema s, String column) {
    return s.findField(column).type();
  }
}
