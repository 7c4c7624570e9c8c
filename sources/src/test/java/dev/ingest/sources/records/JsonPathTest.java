package dev.ingest.sources.records;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class JsonPathTest {
  private final JsonNode body = read("{\"data\":[{\"id\":\"cus_1\"},{\"id\":\"cus_2\"}],\"has_more\":true,\"x\":{\"-1\":5}}");

  private static JsonNode read(String json) {
    try {
      return new ObjectMapper().readTree(json);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void negativeIndexesCountFromTheEndOfAnArray() {
    assertThat(JsonPath.parse("data.-1.id").findText(body)).contains("cus_2");
    assertThat(JsonPath.parse("data.0.id").findText(body)).contains("cus_1");
  }

  @Test
  void anIndexOutsideTheArrayOrOfAnEmptyArrayIsAbsent() {
    assertThat(JsonPath.parse("data.5.id").findText(body)).isEmpty();
    assertThat(JsonPath.parse("data.-1.id").findText(read("{\"data\":[]}"))).isEmpty();
  }

  @Test
  void numericSegmentsStillNameObjectKeys() {
    assertThat(JsonPath.parse("x.-1").findText(body)).contains("5");
  }
}
