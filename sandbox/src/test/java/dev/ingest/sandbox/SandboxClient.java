package dev.ingest.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A minimal JDK HttpClient wrapper the sandbox tests talk through, as the real HTTP runtime would. */
final class SandboxClient {
  static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Pattern NEXT_LINK = Pattern.compile("<([^>]+)>;\\s*rel=\"next\"");

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final SandboxApi sandbox;

  SandboxClient(SandboxApi sandbox) {
    this.sandbox = sandbox;
  }

  /** GET {@code pathAndQuery} relative to the sandbox, with optional header name/value pairs. */
  HttpResponse<String> get(String pathAndQuery, String... headers) {
    return getUrl(sandbox.baseUrl() + pathAndQuery, headers);
  }

  HttpResponse<String> getUrl(String url, String... headers) {
    try {
      return send(request(url, headers).build());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  HttpRequest.Builder request(String url, String... headers) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30));
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    return request;
  }

  /** Sends as is: IOExceptions reach the caller. */
  HttpResponse<String> send(HttpRequest request) throws IOException {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  HttpResponse<byte[]> getBytes(String pathAndQuery, String... headers) {
    try {
      return http.send(request(sandbox.baseUrl() + pathAndQuery, headers).build(),
          HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static JsonNode json(HttpResponse<String> response) {
    try {
      return MAPPER.readTree(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<ObjectNode> objects(JsonNode array) {
    List<ObjectNode> out = new ArrayList<>();
    array.forEach(node -> out.add((ObjectNode) node));
    return out;
  }

  static Optional<String> nextLink(HttpResponse<?> response) {
    return response.headers().firstValue("Link").flatMap(link -> {
      Matcher matcher = NEXT_LINK.matcher(link);
      return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
    });
  }
}
