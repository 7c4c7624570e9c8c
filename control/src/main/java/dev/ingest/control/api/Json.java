package dev.ingest.control.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.io.UncheckedIOException;

/** The API's one JSON mapper and the helpers that write responses with it. */
final class Json {
  static final ObjectMapper MAPPER = new ObjectMapper();
  static final String CONTENT_TYPE = "application/json";

  private Json() {}

  static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  static ArrayNode array() {
    return MAPPER.createArrayNode();
  }

  static void respond(Context ctx, int status, JsonNode body) {
    ctx.status(status).contentType(CONTENT_TYPE).result(write(body));
  }

  static String write(JsonNode node) {
    try {
      return MAPPER.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The request body as a JSON object, else a 400 with {@code expected} as its message. The parser's own message is
   * never echoed: it may quote what was sent (a credential).
   */
  static ObjectNode objectBody(Context ctx, String expected) {
    try {
      JsonNode node = MAPPER.readTree(ctx.bodyAsBytes());
      if (node != null && node.isObject()) {
        return (ObjectNode) node;
      }
    } catch (java.io.IOException e) {
      // not JSON: answered below, without the parser's message
    }
    throw ApiException.badRequest("", expected);
  }

  static ObjectNode error(ApiException e) {
    ObjectNode body = object().put("error", e.code()).put("message", e.getMessage());
    ArrayNode errors = body.putArray("errors");
    e.errors().forEach(p -> errors.addObject().put("field", p.field()).put("message", p.message()));
    return body;
  }
}
