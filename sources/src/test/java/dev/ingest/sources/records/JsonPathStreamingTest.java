package dev.ingest.sources.records;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@link JsonPath#findText(JsonParser)} reads the same text as {@link JsonPath#findText} over the tree. */
class JsonPathStreamingTest {

  private static Optional<String> streamed(String path, String json) throws IOException {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    Optional<String> tree = JsonPath.parse(path).findText(JsonBodies.parse(bytes));
    Optional<String> streamed;
    try (JsonParser parser = JsonBodies.mapper().createParser(bytes)) {
      streamed = JsonPath.parse(path).findText(parser);
    }
    assertThat(streamed).as(path + " in " + json).isEqualTo(tree);
    return streamed;
  }

  @Test
  void readsScalarsAsTheTreeDoes() throws IOException {
    assertThat(streamed("updated", "{\"updated\":\"2024-01-02T03:04:05Z\"}")).contains("2024-01-02T03:04:05Z");
    assertThat(streamed("u", "{\"u\":\"caf\\u00e9\"}")).contains("caf\u00e9");
    assertThat(streamed("n", "{\"n\":1700000000}")).contains("1700000000");
    assertThat(streamed("n", "{\"n\":17000000000000}")).contains("17000000000000");
    assertThat(streamed("n", "{\"n\":123456789012345678901234567890}"))
        .contains("123456789012345678901234567890");
    assertThat(streamed("n", "{\"n\":-0}")).contains("0");
    assertThat(streamed("n", "{\"n\":1.10}")).contains("1.10");
    assertThat(streamed("n", "{\"n\":1e5}")).contains("1E+5");
    assertThat(streamed("n", "{\"n\":-2.50E-3}")).contains("-0.00250");
    assertThat(streamed("b", "{\"b\":true}")).contains("true");
    assertThat(streamed("b", "{\"b\":false}")).contains("false");
  }

  @Test
  void findsNestedFieldsSkippingEverythingElse() throws IOException {
    String json = "{\"a\":[{\"c\":\"no\"}],\"x\":{\"c\":\"no\"},\"b\":{\"y\":{\"c\":1},\"c\":\"yes\"},\"c\":\"top\"}";
    assertThat(streamed("b.c", json)).contains("yes");
    assertThat(streamed("$.b.c", json)).contains("yes");
    assertThat(streamed("c", json)).contains("top");
  }

  @Test
  void isEmptyWhereTheTreeIsEmpty() throws IOException {
    assertThat(streamed("c", "{\"c\":null}")).isEmpty();
    assertThat(streamed("c", "{\"c\":\"\"}")).isEmpty();
    assertThat(streamed("c", "{\"c\":{\"d\":1}}")).isEmpty();
    assertThat(streamed("c", "{\"c\":[1]}")).isEmpty();
    assertThat(streamed("c", "{\"d\":1}")).isEmpty();
    assertThat(streamed("c.d", "{\"c\":[{\"d\":1}]}")).isEmpty();
    assertThat(streamed("c", "[{\"c\":1}]")).isEmpty();
    assertThat(streamed("c", "\"c\"")).isEmpty();
  }
}
