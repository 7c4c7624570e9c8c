package dev.ingest.sources.airbyte.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ingest.sources.records.JsonBodies;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The direct tree walk gives exactly what Jackson's untyped binding gave, value for value and type for type. */
class EvalContextPlainTest {
  private static final String DOCUMENT = """
      {"data": [{"id": 7, "big": 9007199254740993, "huge": 123456789012345678901234567890, "ratio": 0.25,
      "exp": 1.5e-7, "ok": true, "none": null, "name": "Zoë \\u2603 \\"q\\"", "tags": ["a", 1, false, null, []],
      "nested": {"deep": {"deeper": {"x": -1}}}, "empty": {}}], "next": "c2", "count": 1}
      """;

  @Test
  void plainMatchesJacksonsUntypedBindingValueAndType() throws Exception {
    JsonNode tree = JsonBodies.mapper().readTree(DOCUMENT);
    Object walked = EvalContext.plain(tree);
    Object bound = JsonBodies.mapper().convertValue(tree, Object.class);

    assertThat(walked).isEqualTo(bound);
    assertThat(types(walked)).isEqualTo(types(bound));
    @SuppressWarnings("unchecked")
    Map<String, Object> record = (Map<String, Object>) ((List<?>) ((Map<?, ?>) walked).get("data")).get(0);
    assertThat(record.get("id")).isEqualTo(7);
    assertThat(record.get("big")).isEqualTo(9007199254740993L);
    assertThat(record.get("huge")).isEqualTo(new BigInteger("123456789012345678901234567890"));
    assertThat(record.get("ratio")).isEqualTo(new java.math.BigDecimal("0.25")); // the runtime mapper keeps decimals exact
    assertThat(record.keySet()).containsExactly("id", "big", "huge", "ratio", "exp", "ok", "none", "name", "tags",
        "nested", "empty");
    assertThat(EvalContext.plain(null)).isNull();
  }

  @Test
  void nestingBeyondTheGuardIsRefused() throws Exception {
    com.fasterxml.jackson.databind.node.ObjectNode root = JsonBodies.mapper().createObjectNode();
    com.fasterxml.jackson.databind.node.ObjectNode at = root;
    for (int i = 0; i < 1_100; i++) {
      at = at.putObject("n");
    }
    assertThatThrownBy(() -> EvalContext.plain(root)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("deeper than 1000 levels");
  }

  /** Every value's class, in walk order. */
  private static List<String> types(Object value) {
    List<String> out = new ArrayList<>();
    walk(value, out);
    return out;
  }

  private static void walk(Object value, List<String> out) {
    out.add(value == null ? "null" : value.getClass().getSimpleName());
    if (value instanceof Map<?, ?> m) {
      m.values().forEach(v -> walk(v, out));
    } else if (value instanceof List<?> l) {
      l.forEach(v -> walk(v, out));
    }
  }
}
