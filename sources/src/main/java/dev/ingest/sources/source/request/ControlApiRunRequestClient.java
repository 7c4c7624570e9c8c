package dev.ingest.sources.source.request;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Polls {@code GET <controlUrl>/api/pipelines/<pipeline>/run-requests?after=A&started=S&run=R} with the JDK's
 * HTTP client. The answer is {@code {"requests": [{"id": 7, ...}, ...]}}. The token is read from the secret store
 * on the first poll and after a 401 (the control plane may have written a new one); it is sent as a bearer token
 * and appears in no message. One poll takes at most the settings' timeout, answer body included.
 */
public final class ControlApiRunRequestClient implements RunRequestClient {
  /** Answers larger than this are refused: a list of request ids is small. */
  static final int MAX_BODY_BYTES = 256 * 1024;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String pipeline;
  private final RunRequestSettings settings;
  private final HttpClient http;
  private String token;

  public ControlApiRunRequestClient(String pipeline, RunRequestSettings settings) {
    this.pipeline = pipeline;
    this.settings = settings;
    this.http = HttpClient.newBuilder().connectTimeout(settings.timeout())
        .followRedirects(HttpClient.Redirect.NEVER).build();
  }

  @Override
  public List<Long> poll(RunRequestMark mark) throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(uri(mark))
        .timeout(settings.timeout())
        .header("Authorization", "Bearer " + token())
        .header("Accept", "application/json")
        .GET()
        .build();
    HttpResponse<byte[]> response = send(request);
    int status = response.statusCode();
    if (status == 401 || status == 403) {
      token = null;
      throw new IOException("the control API refused the run-request token of pipeline " + pipeline + " (HTTP "
          + status + "); it is read again from secret '" + settings.tokenSecret() + "' at the next poll");
    }
    if (status != 200) {
      throw new IOException("the control API answered HTTP " + status + " to the run-request poll of pipeline "
          + pipeline);
    }
    return ids(response.body());
  }

  URI uri(RunRequestMark mark) {
    String base = settings.controlUrl().toString().replaceAll("/+$", "");
    String query = "after=" + mark.acceptedThrough() + "&started=" + mark.startedThrough()
        + mark.startedRun().map(run -> "&run=" + URLEncoder.encode(run, StandardCharsets.UTF_8)).orElse("");
    return URI.create(base + "/api/pipelines/" + URLEncoder.encode(pipeline, StandardCharsets.UTF_8)
        + "/run-requests?" + query);
  }

  /** Sends with a deadline on the whole exchange: the request timeout covers the headers, this the body too. */
  private HttpResponse<byte[]> send(HttpRequest request) throws IOException, InterruptedException {
    CompletableFuture<HttpResponse<byte[]>> future = http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray());
    try {
      return future.get(settings.timeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      future.cancel(true);
      throw new IOException("the run-request poll of pipeline " + pipeline + " got no answer within "
          + settings.timeout().toMillis() + " ms from " + settings.controlUrl());
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      throw new IOException("the run-request poll of pipeline " + pipeline + " to " + settings.controlUrl()
          + " failed: " + cause.getClass().getSimpleName()
          + Optional.ofNullable(cause.getMessage()).map(m -> ": " + m).orElse(""), cause);
    }
  }

  private String token() throws IOException {
    if (token == null) {
      Map<String, String> fields = settings.secrets().open().read(settings.tokenSecret())
          .orElseThrow(() -> new IOException("no secret '" + settings.tokenSecret()
              + "' with the run-request token of pipeline " + pipeline + " (the control plane writes it on deploy)"));
      String value = fields.get("token");
      if (value == null || value.isBlank()) {
        throw new IOException("secret '" + settings.tokenSecret() + "' has no field 'token'");
      }
      token = value;
    }
    return token;
  }

  private List<Long> ids(byte[] body) throws IOException {
    if (body.length > MAX_BODY_BYTES) {
      throw new IOException("the run-request answer for pipeline " + pipeline + " is " + body.length
          + " bytes, more than " + MAX_BODY_BYTES);
    }
    JsonNode requests = JSON.readTree(body).path("requests");
    if (!requests.isArray()) {
      throw new IOException("the run-request answer for pipeline " + pipeline + " has no 'requests' array");
    }
    List<Long> ids = new ArrayList<>();
    for (JsonNode request : requests) {
      JsonNode id = request.path("id");
      if (!id.canConvertToLong() || id.asLong() < 1) {
        throw new IOException("the run-request answer for pipeline " + pipeline + " has a request without a "
            + "positive 'id': " + request.path("id"));
      }
      ids.add(id.asLong());
    }
    ids.sort(null);
    return ids;
  }

  @Override
  public String toString() {
    return "ControlApiRunRequestClient{" + pipeline + " at " + settings.controlUrl() + "}";
  }
}
