package dev.ingest.sinks.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
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
