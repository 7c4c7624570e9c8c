package dev.ingest.sinks.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.iceberg.Schema;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.Test;

class JsonSchemaMapperTest {

  @Test
  void mapsTheSupportedSubset() throws Exception {
    Schema s =
        map(
            """
            {"type":"object","required":["gid"],"properties":{
              "gid":{"type":"string"},
              "created_at":{"type":"string","format":"date-time"},
              "due_on":{"type":["string","null"],"format":"date"},
              "count":{"type":"integer"},
              "score":{"type":"number"},
              "done":{"type":"boolean"},
              "assignee":{"type":["object","null"],"properties":{"gid":{"type":"string"},"email":{"type":"string"}}},
              "tags":{"type":"array","items":{"type":"object","properties":{"name":{"type":"string"}}}},
              "custom":{"type":"object"},
              "anything":{"type":"array"}
            }}""");

    assertThat(s.columns())
        .extracting(Types.NestedField::name)
        .containsExactly("gid", "created_at", "due_on", "count", "score", "done", "assignee", "tags", "custom", "anything");
    assertThat(s.findType("gid")).isEqualTo(Types.StringType.get());
    assertThat(s.findType("created_at")).isEqualTo(Types.TimestampType.withZone());
    assertThat(s.findType("due_on")).isEqualTo(Types.DateType.get());
    assertThat(s.findType("count")).isEqualTo(Types.LongType.get());
    assertThat(s.findType("score")).isEqualTo(Types.DoubleType.get());
    assertThat(s.findType("done")).isEqualTo(Types.BooleanType.get());
    assertThat(s.findType("assignee.email")).isEqualTo(Types.StringType.get());
    assertThat(s.findType("tags").asListType().elementType().asStructType().field("name").type()).isEqualTo(Types.StringType.get());
    assertThat(s.findType("custom")).isEqualTo(Types.StringType.get());
    assertThat(s.findType("anything")).isEqualTo(Types.StringType.get());
    assertThat(s.findField("gid").isOptional()).as("required is not enforced").isTrue();
  }

  @Test
  void namesThePropertyPathInErrors() {
    assertError("{\"type\":\"array\"}", "(root)", "(root): type must be 'object', was 'array'");
    assertError("{\"type\":\"object\"}", "(root)", "(root): properties: required, a non-empty object");
    assertError(
        "{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"object\",\"properties\":{\"b\":{\"type\":\"strin\"}}}}}",
        "a.b",
        "a.b: unsupported type 'strin'");
    assertError(
        "{\"type\":\"object\",\"properties\":{\"tags\":{\"type\":\"array\",\"items\":{\"$ref\":\"#/defs/tag\"}}}}",
        "tags.items",
        "tags.items: '$ref' is not supported");
    assertError("{\"type\":\"object\",\"properties\":{\"x\":{}}}", "x", "x: type: required");
    assertError(
        "{\"type\":\"object\",\"properties\":{\"x\":{\"type\":[\"string\",\"integer\"]}}}",
        "x",
        "x: type: only one non-null type is supported, got [\"string\",\"integer\"]");
    assertError("{\"type\":\"object\",\"properties\":{\"x\":{\"type\":\"null\"}}}", "x", "x: unsupported type 'null'");
    assertError("{\"type\":\"object\",\"properties\":{\"_ingest_extra\":{\"type\":\"string\"}}}", "_ingest_extra",
        "_ingest_extra: name is reserved for a metadata column");
  }

  @Test
  void rejectsDottedNamesThatClashWithNestedFields() {
    assertError(
        "{\"type\":\"object\",\"properties\":{\"o\":{\"type\":\"object\",\"properties\":{"
            + "\"a\":{\"type\":\"object\",\"properties\":{\"b\":{\"type\":\"string\"}}},\"a.b\":{\"type\":\"string\"}}}}}",
        "o.a.b",
        "o.a.b: dotted name 'o.a.b' is used twice");
  }

  private static void assertError(String schema, String path, String message) {
    assertThatThrownBy(() -> map(schema))
        .isInstanceOf(SchemaMappingException.class)
        .hasMessage(message)
        .extracting(e -> ((SchemaMappingException) e).path())
        .isEqualTo(path);
  }

  private static Schema map(String schema) throws Exception {
    JsonNode node = JsonRecords.mapper().readTree(schema);
    return JsonSchemaMapper.fromJsonSchema(node);
  }
}
