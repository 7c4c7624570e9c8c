package dev.ingest.sources.airbyte.runtime;

import dev.ingest.sources.http.ApiRequest;
import dev.ingest.sources.http.UrlCodec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The parts of one request while it is assembled from a requester, paginator and partition: URL, query
 * parameters, headers and a JSON or form body. Mutable, one per request; {@link #toRequest} builds the runtime's
 * immutable {@link ApiRequest}.
 */
final class RequestParts {
  String method = "GET";
  String url;
  final Map<String, String> params = new LinkedHashMap<>();
  final Map<String, String> headers = new LinkedHashMap<>();
  final Map<String, Object> bodyJson = new LinkedHashMap<>();
  final Map<String, String> bodyData = new LinkedHashMap<>();
  String rawBody;

  /** Puts {@code value} under the nested {@code path} of the JSON body. */
  @SuppressWarnings("unchecked")
  void putJson(List<String> path, Object value) {
    Map<String, Object> at = bodyJson;
    for (int i = 0; i < path.size() - 1; i++) {
      Object next = at.get(path.get(i));
      if (!(next instanceof Map)) {
        next = new LinkedHashMap<String, Object>();
        at.put(path.get(i), next);
      }
      at = (Map<String, Object>) next;
    }
    at.put(path.get(path.size() - 1), value);
  }

  ApiRequest toRequest() {
    ApiRequest request = ApiRequest.get(url).withHeader("Accept", "application/json");
    for (Map.Entry<String, String> param : params.entrySet()) {
      request = request.withParam(param.getKey(), param.getValue());
    }
    for (Map.Entry<String, String> header : headers.entrySet()) {
      request = request.withHeader(header.getKey(), header.getValue());
    }
    if (!bodyJson.isEmpty()) {
      return request.withHeader("Content-Type", "application/json")
          .withMethodAndBody(method, Json.node(bodyJson).toString());
    }
    if (!bodyData.isEmpty()) {
      StringJoiner form = new StringJoiner("&");
      bodyData.forEach((k, v) -> form.add(UrlCodec.encodeQueryComponent(k) + "=" + UrlCodec.encodeQueryComponent(v)));
      return request.withHeader("Content-Type", "application/x-www-form-urlencoded")
          .withMethodAndBody(method, form.toString());
    }
    if (rawBody != null) {
      return request.withMethodAndBody(method, rawBody);
    }
    return method.equals("GET") ? request : request.withMethodAndBody(method, null);
  }
}
