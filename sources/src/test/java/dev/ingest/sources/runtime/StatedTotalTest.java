package dev.ingest.sources.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ingest.sources.http.Headers;
import dev.ingest.sources.spec.TotalSpec;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Reading the total an API states from a response header or a body field. */
class StatedTotalTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static JsonNode body(String json) throws Exception {
    return JSON.readTree(json);
  }

  @Test
  void readsAHeaderCaseInsensitively() throws Exception {
    StatedTotal total = new StatedTotal(TotalSpec.header("X-Total-Count"));

    assertThat(total.read(Headers.ofSingle(Map.of("x-total-count", " 1234")), body("[]"))).contains(1234L);
    assertThat(total.read(Headers.empty(), body("{\"total\": 5}"))).isEmpty();
  }

  @Test
  void readsABodyFieldAsNumberOrText() throws Exception {
    StatedTotal total = new StatedTotal(TotalSpec.path("meta.total"));

    assertThat(total.read(Headers.empty(), body("{\"meta\": {\"total\": 77}}"))).contains(77L);
    assertThat(total.read(Headers.empty(), body("{\"meta\": {\"total\": \"78\"}}"))).contains(78L);
  }

  @Test
  void aWrongShapeReadsAsNoTotal() throws Exception {
    StatedTotal total = new StatedTotal(TotalSpec.path("meta.total"));

    assertThat(total.read(Headers.empty(), body("{\"meta\": {\"total\": 7.5}}"))).isEmpty();
    assertThat(total.read(Headers.empty(), body("{\"meta\": {\"total\": -1}}"))).isEmpty();
    assertThat(total.read(Headers.empty(), body("{\"meta\": {\"total\": \"many\"}}"))).isEmpty();
    assertThat(total.read(Headers.empty(), body("{\"meta\": {}}"))).isEmpty();
    assertThat(new StatedTotal(TotalSpec.header("X-Total")).read(Headers.ofSingle(Map.of("X-Total", "n/a")),
        body("{}"))).isEmpty();
  }
}
