package dev.ingest.sources.runtime;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.ingest.sources.http.ApiRequest;
import dev.ingest.sources.http.ApiResponse;
import dev.ingest.sources.http.Redactor;
import java.io.IOException;

/** The wording of a request's failures: method and URL, status and a body excerpt, every part redacted. */
final class RequestMessages {
  static final int EXCERPT_CHARS = 200;

  private RequestMessages() {}

  /** {@code GET https://…} with the URL redacted. */
  static String describe(ApiRequest request, Redactor redactor) {
    return request.method() + " " + redactor.mask(request.redactedUrl());
  }

  /** The request, the response's status and an excerpt of its body. */
  static String describe(ApiRequest request, ApiResponse response, Redactor redactor) {
    String excerpt = redactor.excerpt(response.body(), EXCERPT_CHARS);
    return describe(request, redactor) + ": HTTP " + response.status() + (excerpt.isEmpty() ? "" : ": " + excerpt);
  }

  /** What the JSON parser said about a body, on one line and at most {@value #EXCERPT_CHARS} characters. */
  static String parserMessage(IOException e, Redactor redactor) {
    String message = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
    message = redactor.mask(String.valueOf(message)).replaceAll("\\s+", " ");
    return message.length() <= EXCERPT_CHARS ? message : message.substring(0, EXCERPT_CHARS - 1) + "…";
  }
}
