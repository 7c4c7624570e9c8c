package dev.ingest.sources.contract.fake;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;

/** What a provider fake answers: a status, headers and a JSON body. */
public record FakeResponse(int status, Map<String, String> headers, String body) {

  /** A 200 with {@code body}. */
  public static FakeResponse ok(JsonNode body) {
    return of(200, body);
  }

  /** A response with {@code status} and {@code body}. */
  public static FakeResponse of(int status, JsonNode body) {
    return new FakeResponse(status, new LinkedHashMap<>(), Fakes.write(body));
  }

  /** This response with one more header. */
  public FakeResponse header(String name, String value) {
    Map<String, String> copy = new LinkedHashMap<>(headers);
    copy.put(name, value);
    return new FakeResponse(status, copy, body);
  }
}
