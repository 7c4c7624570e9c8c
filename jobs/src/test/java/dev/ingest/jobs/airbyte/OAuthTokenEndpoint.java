package dev.ingest.jobs.airbyte;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * An OAuth 2.0 token endpoint (RFC 6749 §4.4 and §6) for the provider fakes: a form POST whose fields the given
 * check turns into a token answer (or null for {@code 401 access_denied}); every request's form is recorded.
 */
final class OAuthTokenEndpoint implements HttpHandler {
  private final Function<Map<String, String>, Map<String, Object>> issue;
  private final List<Map<String, String>> forms = new CopyOnWriteArrayList<>();

  OAuthTokenEndpoint(Function<Map<String, String>, Map<String, Object>> issue) {
    this.issue = issue;
  }

  /** The form of every token request, in order. */
  List<Map<String, String>> forms() {
    return List.copyOf(forms);
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      Map<String, String> form = new LinkedHashMap<>();
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      for (String pair : body.isEmpty() ? new String[0] : body.split("&")) {
        int eq = pair.indexOf('=');
        form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
      form.put("_method", exchange.getRequestMethod());
      form.put("_content_type", String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type")));
      forms.add(form);
      Map<String, Object> answer = exchange.getRequestMethod().equals("POST") ? issue.apply(form) : null;
      int status = answer == null ? 401 : 200;
      byte[] out = ManifestApi.JSON.writeValueAsBytes(answer == null
          ? Map.of("error", "access_denied", "error_description", "Unauthorized") : answer);
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(status, out.length);
      try (OutputStream stream = exchange.getResponseBody()) {
        stream.write(out);
      }
    }
  }
}
