package dev.ingest.sources.records;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * {@link RecordSelector#split} cuts the records out of a body's bytes without a tree: each record is the element's
 * text exactly as sent, and it reads as the same tree, with the same problems and failures, as the tree path
 * ({@link JsonBodies#parse} then {@link RecordSelector#selectNodes}).
 */
class RecordSelectorSplitTest {

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** Splits {@code body}, checks it against the tree path, and returns the records' texts. */
  private static List<String> split(RecordSelector selector, String body) throws IOException {
    RecordSelector.Split split = selector.split(utf8(body));
    RecordSelector.Selection tree = selector.selectNodes(JsonBodies.parse(utf8(body)));
    assertThat(split.problem()).isEqualTo(tree.problem());
    assertThat(split.records().size()).isEqualTo(tree.nodes().size());
    for (int i = 0; i < split.records().size(); i++) {
      assertThat(JsonBodies.parse(utf8(split.records().text(i)))).as("record %d", i).isEqualTo(tree.nodes().get(i));
      assertThat(split.records().node(i)).isEqualTo(tree.nodes().get(i));
    }
    return split.records().texts();
  }

  @Test
  void cutsEachElementOutAsSentIncludingNestingUnicodeEscapesAndExponents() throws IOException {
    String body = "{\"object\":\"list\",\"data\":[{\"id\":\"a\",\"n\":{\"deep\":[1,[2,{\"x\":null}]],\"e\":{}},"
        + "\"t\":[]}, {\"name\":\"caf\u00e9 \u65e5\u672c \uD83D\uDE00\",\"esc\":\"q\\\"b\\\\s\\/\\n\\u00e9\\uD83D\\uDE00\"}"
        + ",\n  {\"f\":1.10,\"g\":-2.5e-3,\"h\":1E+400,\"i\":12345678901234567890123,\"j\":-0,\"k\":true}],"
        + "\"has_more\":true}";

    assertThat(split(RecordSelector.of("data"), body)).containsExactly(
        "{\"id\":\"a\",\"n\":{\"deep\":[1,[2,{\"x\":null}]],\"e\":{}},\"t\":[]}",
        "{\"name\":\"caf\u00e9 \u65e5\u672c \uD83D\uDE00\",\"esc\":\"q\\\"b\\\\s\\/\\n\\u00e9\\uD83D\\uDE00\"}",
        "{\"f\":1.10,\"g\":-2.5e-3,\"h\":1E+400,\"i\":12345678901234567890123,\"j\":-0,\"k\":true}");
  }

  @Test
  void keepsWhitespaceInsideARecordAndDropsItAround() throws IOException {
    String body = "{ \"data\" : [\n  { \"id\" : 1 ,\n    \"tags\" : [ \"a\" ] }\n ,\t{\"id\":2}\n] }\n";

    assertThat(split(RecordSelector.of("data"), body))
        .containsExactly("{ \"id\" : 1 ,\n    \"tags\" : [ \"a\" ] }", "{\"id\":2}");
  }

  @Test
  void followsEveryPathFormTheSelectorAccepts() throws IOException {
    assertThat(split(RecordSelector.of("$"), "[{\"id\":1},{\"id\":2}]")).containsExactly("{\"id\":1}", "{\"id\":2}");
    String nested = "{\"a\":{\"x\":[{\"id\":0}],\"b\":[{\"id\":1}],\"z\":1},\"b\":[{\"id\":9}]}";
    assertThat(split(RecordSelector.of("a.b"), nested)).containsExactly("{\"id\":1}");
    assertThat(split(RecordSelector.of("$.a.b"), nested)).containsExactly("{\"id\":1}");
    assertThat(split(RecordSelector.of("b"), nested)).containsExactly("{\"id\":9}");
  }

  @Test
  void splitsArraysOfScalarsAndNullElementsAsTheTreeDoes() throws IOException {
    assertThat(split(RecordSelector.of("$"), "[\"a\\\"b\", 1, -2.5E3, true, null, [1], \"\"]"))
        .containsExactly("\"a\\\"b\"", "1", "-2.5E3", "true", "null", "[1]", "\"\"");
  }

  @Test
  void emptyArrayAndNullHoldNoRecords() throws IOException {
    assertThat(split(RecordSelector.of("data"), "{\"data\":[]}")).isEmpty();
    assertThat(split(RecordSelector.of("data"), "{\"data\":[ ]}")).isEmpty();
    assertThat(split(RecordSelector.of("data"), "{\"data\":null}")).isEmpty();
    assertThat(split(RecordSelector.of("$"), "null")).isEmpty();
    assertThat(RecordSelector.of("data").split(utf8("{\"data\":null}")).found()).isTrue();
  }

  @Test
  void aSingleRecordIsCutOutAndKeptInTheEnvelope() throws IOException {
    RecordSelector single = RecordSelector.of("data", true);
    String body = "{\"data\":{\"id\":7,\"name\":\"me\"},\"meta\":1}";

    assertThat(split(single, body)).containsExactly("{\"id\":7,\"name\":\"me\"}");
    assertThat(single.split(utf8(body)).envelope()).isEqualTo(JsonBodies.parse(utf8(body)));
  }

  @Test
  void wrongTypesGiveTheTreePathsProblems() throws IOException {
    assertProblem(RecordSelector.of("data"), "{\"data\":{\"id\":1}}", "records path 'data' holds an object, not an "
        + "array of records (if the response is one record, declare records: {path: data, single: true})");
    assertProblem(RecordSelector.of("data"), "{\"data\":\"none\"}",
        "records path 'data' holds a string, not an array of records");
    assertProblem(RecordSelector.of("data"), "{\"data\":3.5}",
        "records path 'data' holds a number, not an array of records");
    assertProblem(RecordSelector.of("data"), "{\"data\":false}",
        "records path 'data' holds a boolean, not an array of records");
    assertProblem(RecordSelector.of("data", true), "{\"data\":[{\"id\":7}]}", "records path 'data' holds an array, "
        + "but the endpoint declares a single record (records.single: true), which must be an object");
    assertProblem(RecordSelector.of("data", true), "{\"data\":1}", "records path 'data' holds a number, "
        + "but the endpoint declares a single record (records.single: true), which must be an object");
    assertProblem(RecordSelector.of("data"), "{\"items\":[]}", "records path 'data' not found");
    assertProblem(RecordSelector.of("a.b"), "{\"a\":[{\"b\":[]}]}", "records path 'a.b' not found");
    assertProblem(RecordSelector.of("a.b"), "{\"a\":null}", "records path 'a.b' not found");
    assertProblem(RecordSelector.of("data"), "[{\"data\":[]}]", "records path 'data' not found");
    assertProblem(RecordSelector.of("$"), "{\"id\":1}", "records path '$' holds an object, not an array of records "
        + "(if the response is one record, declare records: {path: $, single: true})");
  }

  private static void assertProblem(RecordSelector selector, String body, String problem) throws IOException {
    RecordSelector.Split split = selector.split(utf8(body));
    assertThat(split.found()).isFalse();
    assertThat(split.problem()).isEqualTo(problem);
    assertThat(split.records().isEmpty()).isTrue();
    assertThat(selector.selectNodes(JsonBodies.parse(utf8(body))).problem()).isEqualTo(problem);
  }

  @Test
  void theEnvelopeIsTheBodyWithTheRecordsArrayEmptied() throws IOException {
    String body = "{\"paging\":{\"next\":{\"after\":\"c2\"}},\"data\":{\"items\":[{\"id\":1},{\"id\":2}],"
        + "\"total\":2},\"has_more\":false,\"ratio\":1.10}";

    JsonNode envelope = RecordSelector.of("data.items").split(utf8(body)).envelope();

    assertThat(envelope).isEqualTo(JsonBodies.parse(utf8("{\"paging\":{\"next\":{\"after\":\"c2\"}},"
        + "\"data\":{\"items\":[],\"total\":2},\"has_more\":false,\"ratio\":1.10}")));
    assertThat(JsonPath.parse("paging.next.after").findText(envelope)).contains("c2");
    assertThat(envelope.get("ratio").decimalValue()).hasToString("1.10");
  }

  @Test
  void failsAsTheTreeParserDoesOnBadBodies() {
    RecordSelector selector = RecordSelector.of("data");
    String wide = IntStream.range(0, 20).mapToObj(i -> "\"k" + i + "\":" + i).collect(Collectors.joining(","));
    for (String body : List.of("{\"data\":[{\"id\":1,\"id\":2}]}", "{\"data\":[],\"data\":[]}",
        "{\"data\":[{\"id\":1}],\"meta\":{\"a\":1,\"a\":2}}", "{\"data\":[{\"a\":{}}],\"m\":{\"x\":{\"a\":1,\"a\":2}}}", "{\"meta\":{\"a\":1,\"a\":2},\"data\":[]}",
        "{\"data\":[{\"id\":1}],\"has_more\":true,\"has_more\":false}",
        "{\"data\":[{\"a\":{\"b\":[{\"c\":1,\"d\":2,\"c\":3}]}}]}", "{\"data\":[{" + wide + ",\"k17\":0}]}",
        "{\"data\":[{" + wide + "},{\"x\":[{" + wide + ",\"k3\":1}]}]}", "[{\"id\":1,\"id\":1}]",
        "{\"data\":[{\"id\":1}]} {}", "{\"data\":[{\"id\":1},", "{\"data\":[{\"id\":1}]", "  ", "<html>",
        "{\"data\":[NaN]}", "{\"data\":[], \"x\": [1,}")) {
      IOException tree = failure(() -> JsonBodies.parse(utf8(body)));
      IOException streamed = failure(() -> selector.split(utf8(body)), body);
      assertThat(streamed).as(body).isInstanceOf(tree.getClass());
      assertThat(JsonBodies.cutShort(streamed)).as(body).isEqualTo(JsonBodies.cutShort(tree));
      assertThat(originalMessage(streamed)).as(body).isEqualTo(originalMessage(tree));
    }
    assertThatThrownBy(() -> selector.split(new byte[0])).hasMessage("empty body");
    assertThatThrownBy(() -> selector.split(utf8("{\"data\":[]} 1")))
        .hasMessage("trailing content after the JSON document");
  }

  @Test
  void theSameKeyInDifferentObjectsIsNoDuplicate() throws IOException {
    String wide = IntStream.range(0, 20).mapToObj(i -> "\"k" + i + "\":" + i).collect(Collectors.joining(","));
    String body = "{\"data\":[{\"a\":{\"a\":1},\"b\":[{\"a\":1},{\"a\":2}],\"c\":{\"a\":{\"a\":[]}}},{\"a\":3},"
        + "{" + wide + ",\"w\":{" + wide + "}},{" + wide + "}],\"a\":1,\"meta\":{\"a\":1}}";

    assertThat(split(RecordSelector.of("data"), body)).hasSize(4).startsWith(
        "{\"a\":{\"a\":1},\"b\":[{\"a\":1},{\"a\":2}],\"c\":{\"a\":{\"a\":[]}}}", "{\"a\":3}");
  }

  @Test
  void aStringOverTheParsersLimitFailsTheBodyAsTheTreeParseDoes() throws IOException {
    String huge = "x".repeat(20_000_001);
    byte[] over = utf8("{\"data\":[{\"id\":1},{\"id\":2,\"blob\":\"" + huge + "\"}]}");
    byte[] under = utf8("{\"data\":[{\"a\":\"" + huge.substring(1) + "\",\"b\":\"" + huge.substring(1) + "\"}]}");

    IOException tree = failure(() -> JsonBodies.parse(over));
    assertThat(failure(() -> RecordSelector.of("data").split(over)))
        .isInstanceOf(com.fasterxml.jackson.core.exc.StreamConstraintsException.class)
        .isInstanceOf(tree.getClass());
    assertThat(RecordSelector.of("data").split(under).records().size())
        .as("a record over the limit whose strings are each within it").isEqualTo(1);
  }

  private interface Parse {
    Object run() throws IOException;
  }

  private static IOException failure(Parse parse) {
    return failure(parse, "the body");
  }

  private static IOException failure(Parse parse, String what) {
    try {
      parse.run();
    } catch (IOException e) {
      return e;
    }
    throw new AssertionError("expected a parse failure of " + what);
  }

  private static String originalMessage(IOException e) {
    return e instanceof com.fasterxml.jackson.core.JacksonException j ? j.getOriginalMessage() : e.getMessage();
  }
}
