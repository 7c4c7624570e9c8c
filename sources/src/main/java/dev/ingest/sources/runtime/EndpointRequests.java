package dev.ingest.sources.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.ingest.sources.http.ApiRequest;
import dev.ingest.sources.http.UrlCodec;
import dev.ingest.sources.records.JsonBodies;
import dev.ingest.sources.spec.ConnectorSpec;
import dev.ingest.sources.spec.EndpointSpec;
import dev.ingest.sources.template.Template;
import dev.ingest.sources.template.TemplateContext;
import java.util.Map;
import java.util.Optional;

/**
 * Builds an endpoint's first-page request from its definition: method, base URL + path (values inserted into the
 * path are percent-encoded as path segments), params in order, the incremental start parameter, {@code Accept:
 * application/json}, the connector's headers, then the endpoint's, and the JSON body with every string leaf
 * rendered as a template. Not authenticated yet.
 */
final class EndpointRequests {
  private EndpointRequests() {}

  /** The rendered base URL without a trailing slash. */
  static String baseUrl(ConnectorSpec connector, TemplateContext context) {
    String base = Template.parse(connector.baseUrl()).render(context);
    return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
  }

  /**
   * @param since the incremental start value of this run, if any
   */
  static ApiRequest first(ConnectorSpec connector, EndpointSpec endpoint, TemplateContext context,
      Optional<String> since) {
    String path = Template.parse(endpoint.path()).render(context, UrlCodec::encodePathSegment);
    ApiRequest request = ApiRequest.get(baseUrl(connector, context) + path)
        .withHeader("Accept", "application/json");
    request = withHeaders(request, connector.headers(), context);
    request = withHeaders(request, endpoint.headers(), context);
    for (Map.Entry<String, String> param : endpoint.params().entrySet()) {
      request = request.withParam(param.getKey(), Template.parse(param.getValue()).render(context));
    }
    if (endpoint.incremental() != null && endpoint.incremental().param() != null && since.isPresent()) {
      request = request.withParam(endpoint.incremental().param(), since.get());
    }
    if (endpoint.body() != null) {
      request = request.withHeader("Content-Type", "application/json")
          .withMethodAndBody(endpoint.method(), JsonBodies.write(render(endpoint.body(), context)));
    } else if (!endpoint.method().equals("GET")) {
      request = request.withMethodAndBody(endpoint.method(), null);
    }
    return request;
  }

  /** A copy of {@code node} with each string rendered as a template. */
  private static JsonNode render(JsonNode node, TemplateContext context) {
    if (node.isTextual()) {
      return TextNode.valueOf(Template.parse(node.textValue()).render(context));
    }
    if (node.isObject()) {
      ObjectNode out = JsonBodies.mapper().createObjectNode();
      node.fields().forEachRemaining(e -> out.set(e.getKey(), render(e.getValue(), context)));
      return out;
    }
    if (node.isArray()) {
      ArrayNode out = JsonBodies.mapper().createArrayNode();
      node.forEach(element -> out.add(render(element, context)));
      return out;
    }
    return node.deepCopy();
  }

  private static ApiRequest withHeaders(ApiRequest request, Map<String, String> headers, TemplateContext context) {
    for (Map.Entry<String, String> header : headers.entrySet()) {
      request = request.withHeader(header.getKey(), Template.parse(header.getValue()).render(context));
    }
    return request;
  }
}
