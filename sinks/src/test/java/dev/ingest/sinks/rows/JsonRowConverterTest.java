package dev.ingest.sinks.rows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ingest.sinks.schema.JsonRecords;
import dev.ingest.sinks.schema.MetadataColumns;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Base64;
import org.apache.flink.table.data.ArrayData;
import org.apache.flink.table.data.DecimalData;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.MapData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.data.TimestampData;
import org.apache.flink.table.data.binary.BinaryRowData;
import org.apache.flink.table.runtime.typeutils.RowDataSerializer;
import org.apache.iceberg.Schema;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.Test;

class JsonRowConverterTest {

  static final Schema DATA =
      new Schema(
          Types.NestedField.optional(1, "s", Types.StringType.get()),
          Types.NestedField.optional(2, "l", Types.LongType.get()),
          Types.NestedField.optional(3, "i", Types.IntegerType.get()),
          Types.NestedField.optional(4, "d", Types.DoubleType.get()),
          Types.NestedField.optional(5, "f", Types.FloatType.get()),
          Types.NestedField.optional(6, "b", Types.BooleanType.get()),
          Types.NestedField.optional(7, "dec", Types.DecimalType.of(10, 2)),
          Types.NestedField.optional(8, "ts", Types.TimestampType.withZone()),
          Types.NestedField.optional(9, "tsl", Types.TimestampType.withoutZone()),
          Types.NestedField.optional(10, "dt", Types.DateType.get()),
          Types.NestedField.optional(11, "tm", Types.TimeType.get()),
          Types.NestedField.optional(12, "u", Types.UUIDType.get()),
          Types.NestedField.optional(13, "bin", Types.BinaryType.get()),
          Types.NestedField.optional(14, "fx", Types.FixedType.ofLength(3)),
          Types.NestedField.optional(
              15,
              "st",
              Types.StructType.of(
                  Types.NestedField.optional(16, "a", Types.LongType.get()),
                  Types.NestedField.optional(17, "b", Types.StringType.get()))),
          Types.NestedField.optional(18, "li", Types.ListType.ofOptional(19, Types.LongType.get())),
          Types.NestedField.optional(
              20, "m", Types.MapType.ofOptional(21, 22, Types.StringType.get(), Types.LongType.get())));

  static final Schema TABLE = MetadataColumns.withMetadata(DATA);
  static final long NOW = Instant.parse("2026-03-01T12:00:00Z").toEpochMilli();

  final JsonRowConverter converter = new JsonRowConverter(TABLE);

  @Test
  void convertsEveryColumnType() throws Exception {
    GenericRowData row =
        convert(
            """
            {"s":"hello","l":9007199254740993,"i":42,"d":1.5,"f":2.25,"b":true,"dec":12.3,
             "ts":"2024-05-06T07:08:09.123456Z","tsl":"2024-05-06T07:08:09","dt":"2024-02-29","tm":"13:14:15.5",
             "u":"123e4567-e89b-12d3-a456-426614174000","bin":"AQID","fx":"AQID",
             "st":{"a":1,"b":"x"},"li":[1,null,3],"m":{"k1":1,"k2":2}}""");

    assertThat(get(row, "s")).isEqualTo(StringData.fromString("hello"));
    assertThat(get(row, "l")).isEqualTo(9007199254740993L);
    assertThat(get(row, "i")).isEqualTo(42);
    assertThat(get(row, "d")).isEqualTo(1.5);
    assertThat(get(row, "f")).isEqualTo(2.25f);
    assertThat(get(row, "b")).isEqualTo(true);
    assertThat(get(row, "dec")).isEqualTo(DecimalData.fromBigDecimal(new BigDecimal("12.30"), 10, 2));
    assertThat(get(row, "ts")).isEqualTo(TimestampData.fromInstant(Instant.parse("2024-05-06T07:08:09.123456Z")));
    assertThat(get(row, "tsl")).isEqualTo(TimestampData.fromInstant(Instant.parse("2024-05-06T07:08:09Z")));
    assertThat(get(row, "dt")).isEqualTo((int) LocalDate.parse("2024-02-29").toEpochDay());
    assertThat(get(row, "tm")).isEqualTo((int) (LocalTime.parse("13:14:15.5").toNanoOfDay() / 1_000_000));
    assertThat((byte[]) get(row, "u")).hasSize(16).startsWith(0x12, 0x3e, 0x45, 0x67);
    assertThat((byte[]) get(row, "bin")).containsExactly(1, 2, 3);
    assertThat((byte[]) get(row, "fx")).containsExactly(1, 2, 3);
    RowData st = (RowData) get(row, "st");
    assertThat(st.getLong(0)).isEqualTo(1L);
    assertThat(st.getString(1).toString()).isEqualTo("x");
    ArrayData li = (ArrayData) get(row, "li");
    assertThat(li.size()).isEqualTo(3);
    assertThat(li.getLong(0)).isEqualTo(1L);
    assertThat(li.isNullAt(1)).isTrue();
    assertThat(li.getLong(2)).isEqualTo(3L);
    MapData m = (MapData) get(row, "m");
    assertThat(m.size()).isEqualTo(2);
    assertThat(m.keyArray().getString(0).toString()).isEqualTo("k1");
    assertThat(m.valueArray().getLong(1)).isEqualTo(2L);
    assertThat(get(row, MetadataColumns.EXTRA)).isNull();
  }

  @Test
  void producesRowsMatchingTheFlinkRowType() throws Exception {
    GenericRowData row =
        convert(
            """
            {"s":"x","l":1,"i":2,"d":3,"f":4,"b":false,"dec":5,"ts":1700000000,"tsl":"2024-01-01 00:00:00",
             "dt":"1970-01-02","tm":"00:00:01","u":"123e4567-e89b-12d3-a456-426614174000","bin":"","fx":"AAAA",
             "st":{"a":null},"li":[],"m":{}}""");
    RowDataSerializer serializer = new RowDataSerializer(converter.rowType());

    BinaryRowData binary = serializer.toBinaryRow(row);

    assertThat(binary.getArity()).isEqualTo(TABLE.columns().size());
    assertThat(binary.getDouble(pos("d"))).isEqualTo(3.0);
    assertThat(binary.getTimestamp(pos("ts"), 6).toInstant()).isEqualTo(Instant.ofEpochSecond(1_700_000_000));
    assertThat(binary.getString(pos(MetadataColumns.RUN_ID)).toString()).isEqualTo("run-1");
  }

  @Test
  void fillsMetadataColumns() throws Exception {
    GenericRowData row = convert("{\"s\":\"x\"}");

    assertThat(get(row, MetadataColumns.RUN_ID)).isEqualTo(StringData.fromString("run-1"));
    assertThat(get(row, MetadataColumns.INGESTED_AT)).isEqualTo(TimestampData.fromEpochMillis(NOW));
    assertThat(get(row, MetadataColumns.EXTRA)).isNull();
    assertThat(converter.convert("{}", "run-2", NOW).getString(pos(MetadataColumns.RUN_ID)).toString())
        .isEqualTo("run-2");
  }

  @Test
  void leavesAbsentAndNullFieldsNull() throws Exception {
    GenericRowData row = convert("{\"s\":null,\"st\":{\"a\":null}}");

    assertThat(get(row, "s")).isNull();
    assertThat(get(row, "l")).isNull();
    assertThat(((RowData) get(row, "st")).isNullAt(0)).isTrue();
    assertThat(get(row, MetadataColumns.EXTRA)).isNull();
  }

  @Test
  void storesJsonTextOfNonStringValuesInStringColumns() throws Exception {
    assertThat(get(convert("{\"s\":12}"), "s").toString()).isEqualTo("12");
    assertThat(get(convert("{\"s\":1.5}"), "s").toString()).isEqualTo("1.5");
    assertThat(get(convert("{\"s\":true}"), "s").toString()).isEqualTo("true");
    assertThat(get(convert("{\"s\":{\"k\": [1, \"two\"]}}"), "s").toString()).isEqualTo("{\"k\":[1,\"two\"]}");
    assertThat(get(convert("{\"st\":{\"b\":[1]}}"), "st")).isEqualTo(GenericRowData.of(null, StringData.fromString("[1]")));
    assertThat(get(convert("{\"s\":12}"), MetadataColumns.EXTRA)).isNull();
  }

  @Test
  void sendsConflictingValuesToExtra() throws Exception {
    GenericRowData row = convert("{\"l\":\"abc\",\"i\":3000000000,\"b\":\"yes\",\"ts\":\"yesterday\",\"s\":\"ok\"}");

    assertThat(get(row, "l")).isNull();
    assertThat(get(row, "i")).isNull();
    assertThat(get(row, "b")).isNull();
    assertThat(get(row, "ts")).isNull();
    assertThat(get(row, "s").toString()).isEqualTo("ok");
    assertThat(extra(row)).isEqualTo(json("{\"l\":\"abc\",\"i\":3000000000,\"b\":\"yes\",\"ts\":\"yesterday\"}"));
  }

  @Test
  void sendsUnknownFieldsToExtraInRecordOrder() throws Exception {
    GenericRowData row = convert("{\"zeta\":1,\"s\":\"x\",\"alpha\":{\"n\":[1,2]},\"l\":\"bad\",\"_ingest_run_id\":\"spoof\"}");

    assertThat(get(row, "s").toString()).isEqualTo("x");
    assertThat(get(row, MetadataColumns.EXTRA).toString())
        .isEqualTo("{\"zeta\":1,\"alpha\":{\"n\":[1,2]},\"l\":\"bad\",\"_ingest_run_id\":\"spoof\"}");
    assertThat(get(row, MetadataColumns.RUN_ID).toString()).isEqualTo("run-1");
  }

  @Test
  void keepsFittingPartsOfNestedValuesAndTheWholeOriginalInExtra() throws Exception {
    GenericRowData row = convert("{\"st\":{\"a\":\"one\",\"b\":\"x\",\"c\":true},\"li\":[1,\"two\",3]}");

    assertThat(get(row, "st")).isEqualTo(GenericRowData.of(null, StringData.fromString("x")));
    ArrayData li = (ArrayData) get(row, "li");
    assertThat(li.getLong(0)).isEqualTo(1L);
    assertThat(li.isNullAt(1)).isTrue();
    assertThat(li.getLong(2)).isEqualTo(3L);
    assertThat(extra(row)).isEqualTo(json("{\"st\":{\"a\":\"one\",\"b\":\"x\",\"c\":true},\"li\":[1,\"two\",3]}"));
  }

  @Test
  void sendsContainerKindMismatchesToExtra() throws Exception {
    GenericRowData row = convert("{\"st\":5,\"li\":{\"a\":1},\"m\":[1]}");

    assertThat(get(row, "st")).isNull();
    assertThat(get(row, "li")).isNull();
    assertThat(get(row, "m")).isNull();
    assertThat(extra(row)).isEqualTo(json("{\"st\":5,\"li\":{\"a\":1},\"m\":[1]}"));
  }

  @Test
  void convertsNumbersExactlyOrNotAtAll() throws Exception {
    assertThat(get(convert("{\"l\":3.0}"), "l")).isEqualTo(3L);
    assertThat(get(convert("{\"l\":1e3}"), "l")).isEqualTo(1000L);
    assertThat(get(convert("{\"l\":3.5}"), "l")).isNull();
    assertThat(get(convert("{\"l\":123456789012345678901234567890}"), "l")).isNull();
    assertThat(get(convert("{\"d\":123456789012345678901234567890}"), "d")).isEqualTo(1.2345678901234568e29);
    assertThat(get(convert("{\"dec\":1.234}"), "dec")).isNull();
    assertThat(get(convert("{\"dec\":123456789.5}"), "dec")).isNull();
    assertThat(extra(convert("{\"dec\":1.234}"))).isEqualTo(json("{\"dec\":1.234}"));
  }

  @Test
  void parsesTimestampsInIsoAndEpochForms() throws Exception {
    Instant t = Instant.parse("2024-05-06T05:08:09.123456Z");
    assertThat(ts("\"2024-05-06T07:08:09.123456+02:00\"")).isEqualTo(t);
    assertThat(ts("\"2024-05-06T07:08:09.123456789+0200\"")).isEqualTo(t);
    assertThat(ts("\"2024-05-06 05:08:09.123456z\"")).isEqualTo(t);
    assertThat(ts("\"2024-05-06T05:08Z\"")).isEqualTo(Instant.parse("2024-05-06T05:08:00Z"));
    assertThat(ts("\"+12024-05-06T05:08:09Z\"")).isEqualTo(Instant.parse("+12024-05-06T05:08:09Z"));
    assertThat(ts("1714972089")).isEqualTo(Instant.ofEpochSecond(1714972089));
    assertThat(ts("1714972089.5")).isEqualTo(Instant.ofEpochSecond(1714972089, 500_000_000));
    assertThat(ts("1714972089123")).isEqualTo(Instant.ofEpochMilli(1714972089123L));
    assertThat(ts("1714972089123456")).isEqualTo(Instant.ofEpochSecond(1714972089, 123_456_000));
    assertThat(ts("\"2024-05-06T05:08:09\"")).as("no offset for timestamptz").isNull();
    assertThat(ts("\"2024-02-30T00:00:00Z\"")).as("invalid date").isNull();
    assertThat(ts("true")).isNull();
    assertThat(get(convert("{\"tsl\":\"2024-05-06T07:08:09+02:00\"}"), "tsl"))
        .isEqualTo(TimestampData.fromInstant(Instant.parse("2024-05-06T05:08:09Z")));
  }

  @Test
  void rejectsRecordsThatAreNotJsonObjects() {
    assertThatThrownBy(() -> convert("{\"s\":")).isInstanceOf(RecordConversionException.class).hasMessageStartingWith("invalid JSON");
    assertThatThrownBy(() -> convert("[1,2]")).isInstanceOf(RecordConversionException.class).hasMessage("record is a JSON array, not an object");
    assertThatThrownBy(() -> convert("\"text\"")).isInstanceOf(RecordConversionException.class).hasMessage("record is a JSON string, not an object");
    assertThatThrownBy(() -> convert("")).isInstanceOf(RecordConversionException.class).hasMessage("record is empty");
    assertThatThrownBy(() -> convert(null)).isInstanceOf(RecordConversionException.class).hasMessage("record is null");
    assertThatThrownBy(() -> convert("{} {}")).isInstanceOf(RecordConversionException.class).hasMessageContaining("Trailing token");
    assertThatThrownBy(() -> convert("{\"s\":1,\"s\":2}")).isInstanceOf(RecordConversionException.class).hasMessageContaining("Duplicate field 's'");
  }

  @Test
  void rejectsDuplicateKeysAtEveryLevelAlsoInsideValuesThatDoNotFit() {
    for (String json : new String[] {
        "{\"zz\":1,\"zz\":2}", "{\"st\":{\"a\":1,\"a\":2}}", "{\"st\":{\"c\":1,\"c\":2}}",
        "{\"l\":{\"a\":1,\"a\":2}}", "{\"m\":{\"k\":1,\"k\":2}}", "{\"s\":{\"q\":[{\"r\":1,\"r\":1}]}}",
        "{\"li\":[{\"k\":1,\"k\":2}]}", "{\"other\":{\"x\":{\"y\":1,\"y\":1}}}", "[{\"a\":1,\"a\":2}]"}) {
      assertThatThrownBy(() -> convert(json)).as(json).isInstanceOf(RecordConversionException.class)
          .hasMessageStartingWith("invalid JSON: Duplicate field");
    }
  }

  @Test
  void rejectsRecordsWithoutAValueForARequiredColumn() throws Exception {
    Schema data = new Schema(Types.NestedField.required(1, "id", Types.LongType.get()));
    JsonRowConverter strict = new JsonRowConverter(MetadataColumns.withMetadata(data));

    assertThat(strict.convert("{\"id\":1}", "r", NOW).getLong(0)).isEqualTo(1L);
    assertThatThrownBy(() -> strict.convert("{}", "r", NOW)).isInstanceOf(RecordConversionException.class).hasMessage("no value for required column 'id'");
    assertThatThrownBy(() -> strict.convert("{\"id\":\"x\"}", "r", NOW)).isInstanceOf(RecordConversionException.class);
  }

  @Test
  void storesDeeplyNestedValuesAsTextWithoutExhaustingTheStack() throws Exception {
    String deep = "[".repeat(900) + "1" + "]".repeat(900);
    GenericRowData row = convert("{\"s\":" + deep + ",\"other\":" + deep + "}");

    assertThat(get(row, "s").toString()).isEqualTo(deep);
    assertThat(extra(row).get("other")).isNotNull();
    String tooDeep = "[".repeat(5000) + "]".repeat(5000);
    assertThatThrownBy(() -> convert("{\"s\":" + tooDeep + "}")).isInstanceOf(RecordConversionException.class).hasMessageContaining("nesting depth");
  }

  @Test
  void requiresTheMetadataColumns() {
    assertThatThrownBy(() -> new JsonRowConverter(DATA))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("_ingest_run_id");
  }

  @Test
  void worksAfterJavaSerialization() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(converter);
    }
    JsonRowConverter copy;
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      copy = (JsonRowConverter) in.readObject();
    }

    RowData row = copy.convert("{\"l\":7,\"x\":1}", "run-9", NOW);

    assertThat(row.getLong(pos("l"))).isEqualTo(7L);
    assertThat(row.getString(pos(MetadataColumns.EXTRA)).toString()).isEqualTo("{\"x\":1}");
    assertThat(copy.rowType()).isEqualTo(converter.rowType());
  }

  @Test
  void decodesBase64AndChecksFixedLength() throws Exception {
    String four = Base64.getEncoder().encodeToString(new byte[] {1, 2, 3, 4});
    assertThat(get(convert("{\"fx\":\"" + four + "\"}"), "fx")).isNull();
    assertThat(get(convert("{\"bin\":\"not base64!\"}"), "bin")).isNull();
    assertThat(get(convert("{\"u\":\"nope\"}"), "u")).isNull();
  }

  @Test
  void sendsNumbersBeyondDoubleRangeInDecimalColumnsToExtra() throws Exception {
    GenericRowData row = convert("{\"dec\":1e400,\"l\":1}");

    assertThat(get(row, "dec")).isNull();
    assertThat(get(row, "l")).isEqualTo(1L);
    assertThat(get(row, MetadataColumns.EXTRA).toString()).isEqualTo("{\"dec\":\"Infinity\"}");
  }

  @Test
  void keepsNonAsciiTextExactly() throws Exception {
    GenericRowData row = convert("{\"s\":\"h\u00e9llo \u4e16\u754c \ud83d\ude00\",\"m\":{\"cl\u00e9\":1}}");

    assertThat(get(row, "s").toString()).isEqualTo("h\u00e9llo \u4e16\u754c \ud83d\ude00");
    assertThat(((MapData) get(row, "m")).keyArray().getString(0).toString()).isEqualTo("cl\u00e9");
  }

  @Test
  void readsFieldsInAnyOrderAndWritesMisfitsAsCompactJsonWhateverTheirSpacing() throws Exception {
    GenericRowData row = convert("{ \"m\" : {\"k\": 1} , \"st\" : { \"c\" : [ 1e3 , 2.50 ] , \"a\" : 7 } , \"s\" : \"x\" }");

    assertThat(get(row, "s").toString()).isEqualTo("x");
    assertThat(get(row, "st")).isEqualTo(GenericRowData.of(7L, null));
    assertThat(((MapData) get(row, "m")).size()).isEqualTo(1);
    assertThat(get(row, MetadataColumns.EXTRA).toString()).isEqualTo("{\"st\":{\"c\":[1000.0,2.5],\"a\":7}}");
  }

  @Test
  void copiesMisfitsFromTheRightPlaceInRecordsLongerThanJacksonsInputBuffer() throws Exception {
    String big = "x".repeat(70_000);
    GenericRowData row = convert("{\"s\":\"" + big + "\",\"st\":{\"a\":1,\"c\":[true]},\"z\":\"" + big + "\"}");

    assertThat(get(row, "s").toString()).hasSize(70_000);
    assertThat(get(row, "st")).isEqualTo(GenericRowData.of(1L, null));
    assertThat(get(row, MetadataColumns.EXTRA).toString())
        .isEqualTo("{\"st\":{\"a\":1,\"c\":[true]},\"z\":\"" + big + "\"}");
  }

  @Test
  void copiesMisfitsFromTheRightPlaceAfterMultiByteCharacters() throws Exception {
    GenericRowData row = convert("{\"s\":\"h\u00e9llo \u4e16\u754c \ud83d\ude00\",\"st\":{\"a\":1,\"c\":[true]},"
        + "\"li\":[1,\"\u00e9\"]}");

    assertThat(get(row, "s").toString()).isEqualTo("h\u00e9llo \u4e16\u754c \ud83d\ude00");
    assertThat(get(row, MetadataColumns.EXTRA).toString())
        .isEqualTo("{\"st\":{\"a\":1,\"c\":[true]},\"li\":[1,\"\u00e9\"]}");
  }

  @Test
  void aNullElementOfARequiredElementListMisfitsTheListAndTheRestOfTheRecordStillConverts() throws Exception {
    Schema data = new Schema(
        Types.NestedField.optional(1, "ids", Types.ListType.ofRequired(2, Types.LongType.get())),
        Types.NestedField.optional(3, "n", Types.LongType.get()),
        Types.NestedField.optional(4, "byDay", Types.MapType.ofRequired(5, 6, Types.DateType.get(), Types.LongType.get())));
    Schema table = MetadataColumns.withMetadata(data);
    JsonRowConverter strict = new JsonRowConverter(table);

    RowData row = strict.convert(
        "{\"ids\":[1,null,[2,{\"x\":3}]],\"n\":5,\"byDay\":{\"2024-01-02\":1,\"soon\":2,\"2024-01-03\":null}}", "r", NOW);

    assertThat(row.isNullAt(0)).isTrue();
    assertThat(row.getLong(1)).isEqualTo(5L);
    MapData byDay = row.getMap(2);
    assertThat(byDay.size()).isEqualTo(1);
    assertThat(byDay.keyArray().getInt(0)).isEqualTo((int) LocalDate.parse("2024-01-02").toEpochDay());
    assertThat(row.getString(table.columns().indexOf(table.findField(MetadataColumns.EXTRA))).toString())
        .isEqualTo("{\"ids\":[1,null,[2,{\"x\":3}]],\"byDay\":{\"2024-01-02\":1,\"soon\":2,\"2024-01-03\":null}}");
  }

  private Instant ts(String jsonValue) throws Exception {
    TimestampData t = (TimestampData) get(convert("{\"ts\":" + jsonValue + "}"), "ts");
    return t == null ? null : t.toInstant();
  }

  /** The row for {@code json} (as text here; {@link JsonRowConverterBytesTest} runs every test on its bytes). */
  GenericRowData convert(String json) throws RecordConversionException {
    return (GenericRowData) converter.convert(json, "run-1", NOW);
  }

  private static Object get(GenericRowData row, String column) {
    return row.getField(pos(column));
  }

  private static int pos(String column) {
    return TABLE.columns().indexOf(TABLE.findField(column));
  }

  private static JsonNode extra(GenericRowData row) throws Exception {
    Object extra = get(row, MetadataColumns.EXTRA);
    return extra == null ? null : JsonRecords.mapper().readTree(extra.toString());
  }

  private static JsonNode json(String text) throws Exception {
    return JsonRecords.mapper().readTree(text);
  }
}
