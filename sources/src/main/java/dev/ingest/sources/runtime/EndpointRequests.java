package dev.ingest.sources.runtime;

import dev.ingest.sources.http.ApiRequest;
import dev.ingest.sources.http.UrlCodec;
import dev.ingest.sources.spec.ConnectorSpec;
import dev.ingest.sources.spec.EndpointSpec;
import dev.ingest.sources.template.Template;
import dev.ingest.sources.template.TemplateContext;
import java.util.Map;

/**
 * Builds an endpoint's first-page request from its definition: base URL + path (values inserted into the path are
 * percent-encoded as path segments), params in order, {@code Accept: application/json}, the connector's headers,
 * then the endpoint's. Not authenticated yet.
 */
final class EndpointRequests {
  private EndpointRequests() {}

  /** The rendered base URL without a trailing slash. */
  static String baseUrl(ConnectorSpec connector, TemplateContext context) {
    String base = Template.parse(connector.baseUrl()).render(context);
    return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
  }

  static ApiRequest first(ConnectorSpec connector, EndpointSpec endpoint, TemplateContext context) {
    String path = Template.parse(endpoint.path()).render(context, UrlCodec::encodePathSegment);
    ApiRequest request = ApiRequest.get(baseUrl(connector, context) + path)
        .withHeader("Accept", "application/json");
    request = withHeaders(request, connector.headers(), context);
    request = withHeaders(request, endpoint.headers(), context);
    for (Map.Entry<String, String> param : endpoint.params().entrySet()) {
      request = request.withParam(param.getKey(), Template.parse(param.getValue()).render(context));
    }
    return request;
  }

  private static ApiRequest withHeaders(ApiRequest request, Map<String, String> headers, TemplateContext context) {
    for (Map.Entry<String, String> header : headers.entrySet()) {
      request = request.withHeader(header.getKey(), Template.parse(header.getValue()).render(context));
    }
    return request;
  }
}
