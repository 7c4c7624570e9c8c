package dev.ingest.sources.runtime;

import dev.ingest.sources.http.ApiRequest;
import dev.ingest.sources.http.ApiResponse;
import dev.ingest.sources.http.Headers;
import dev.ingest.sources.http.HttpTransport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/** A transport that answers from a script (responses or I/O failures) and records what was sent. */
final class ScriptedTransport implements HttpTransport {
  private final Deque<Object> script = new ArrayDeque<>();
  private final List<ApiRequest> sent = new ArrayList<>();

  ScriptedTransport respond(int status, String body) {
    return respond(status, Map.of(), body);
  }

  ScriptedTransport respond(int status, Map<String, String> headers, String body) {
    script.add(ApiResponse.of(status, Headers.ofSingle(headers), body.getBytes(StandardCharsets.UTF_8)));
    return this;
  }

  ScriptedTransport fail(IOException e) {
    script.add(e);
    return this;
  }

  List<ApiRequest> sent() {
    return sent;
  }

  @Override
  public ApiResponse send(ApiRequest request) throws IOException {
    sent.add(request);
    Object next = script.poll();
    if (next == null) {
      throw new AssertionError("unscripted request " + request);
    }
    if (next instanceof IOException e) {
      throw e;
    }
    return (ApiResponse) next;
  }
}
