package dev.ingest.control.connection;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.ingest.sources.http.Redactor;
import dev.ingest.sources.spec.EndpointSpec;
import java.util.Iterator;
import java.util.Map;

/**
 * A first record made fit to show: every field the endpoint's declared schema marks secret ({@code secret: true} or
 * {@code airbyte_secret: true} on a property, at any depth) is replaced by {@link Redactor#MASK}, and every string
 * holding a credential value is masked.
 */
public final class FirstRecords {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final int MAX_DEPTH = 64;

  private FirstRecords() {}

  /** The record {@code json} of {@code endpoint}, redacted; a text node (masked) when it is not JSON. */
  public static JsonNode redacted(String json, EndpointSpec endpoint, Redactor credentials) {
    JsonNode record;
    try {
      record = MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      return TextNode.valueOf(credentials.mask(json));
    }
    return redact(record, endpoint.schema(), credentials, 0);
  }

  private static JsonNode redact(JsonNode value, JsonNode schema, Redactor credentials, int depth) {
    if (depth > MAX_DEPTH) {
      return TextNode.valueOf(Redactor.MASK);
    }
    if (schema != null && (schema.path("secret").asBoolean(false) || schema.path("airbyte_secret").asBoolean(false))) {
      return TextNode.valueOf(Redactor.MASK);
    }
    if (value.isTextual()) {
      return TextNode.valueOf(credentials.mask(value.textValue()));
    }
    if (value.isObject()) {
      ObjectNode out = MAPPER.createObjectNode();
      JsonNode properties = schema == null ? null : schema.get("properties");
      for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        JsonNode property = properties == null ? null : properties.get(field.getKey());
        out.set(field.getKey(), redact(field.getValue(), property, credentials, depth + 1));
      }
      return out;
    }
    if (value.isArray()) {
      ArrayNode out = MAPPER.createArrayNode();
      JsonNode items = schema == null ? null : schema.get("items");
      value.forEach(item -> out.add(redact(item, items, credentials, depth + 1)));
      return out;
    }
    return value;
  }
}
