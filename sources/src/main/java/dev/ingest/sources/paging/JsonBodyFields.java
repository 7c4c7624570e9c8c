package dev.ingest.sources.paging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ingest.sources.http.ApiRequest;
import dev.ingest.sources.records.JsonBodies;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Sets fields of a request's JSON body by dotted path ({@code after}, {@code variables.after},
 * {@code pagination.starting_after}), creating intermediate objects: how body cursors and page sizes travel in
 * {@code POST} requests (HubSpot search, Notion queries, GraphQL variables).
 */
final class JsonBodyFields {
  private JsonBodyFields() {}

  /** {@code request} with the body field at {@code path} set to {@code value}. */
  static ApiRequest with(ApiRequest request, String path, JsonNode value) {
    String text = request.body().orElseThrow(() -> new IllegalArgumentException(
        "paging sends '" + path + "' in the request body, but the endpoint has no body (set method: POST and body)"));
    JsonNode root;
    try {
      root = JsonBodies.parse(text.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IllegalArgumentException("the endpoint's request body is not JSON: " + e.getMessage(), e);
    }
    if (!root.isObject()) {
      throw new IllegalArgumentException("the endpoint's request body must be a JSON object to carry '" + path + "'");
    }
    ObjectNode node = (ObjectNode) root;
    String[] segments = path.startsWith("$.") ? path.substring(2).split("\\.") : path.split("\\.");
    for (int i = 0; i < segments.length - 1; i++) {
      JsonNode child = node.get(segments[i]);
      if (child == null || !child.isObject()) {
        child = node.putObject(segments[i]);
      }
      node = (ObjectNode) child;
    }
    node.set(segments[segments.length - 1], value);
    return request.withBody(JsonBodies.write(root));
  }
}
