package dev.ingest.sandbox;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;

/**
 * One provider-shaped resource endpoint: its path, its pagination style and its provider's error body. The
 * records come from a {@link RecordGenerator}; subclasses only shape pages and errors.
 */
abstract class ResourceEndpoint {
  private final RecordGenerator generator;
  private final int size;
  private final int maxPageSize;

  ResourceEndpoint(RecordGenerator generator, int size, int maxPageSize) {
    this.generator = generator;
    this.size = size;
    this.maxPageSize = maxPageSize;
  }

  final String resource() {
    return generator.resource();
  }

  final int size() {
    return size;
  }

  final RecordGenerator generator() {
    return generator;
  }

  /** The canonical path, e.g. {@code /api/v2/tickets}. */
  abstract String path();

  boolean handles(String requestPath) {
    return path().equals(requestPath);
  }

  /** The method {@code requestPath} (one this endpoint handles) accepts: {@code GET} unless a search route. */
  String method(String requestPath) {
    return "GET";
  }

  /** One page of records for {@code request}, altered as {@code variant} says. */
  abstract SandboxResponse page(SandboxRequest request, PageVariant variant) throws BadRequestException;

  /** An error response with this provider's JSON body; {@code detail} is a human-readable reason. */
  abstract SandboxResponse error(int status, String detail);

  /** The visible records after the request's {@code updated_since}/{@code since} filter. */
  final RecordWindow window(SandboxRequest request) throws BadRequestException {
    return RecordWindow.of(generator, size, request.since());
  }

  /** The page-size parameter {@code name}: at least 1, {@code fallback} when absent, capped at the maximum. */
  final int pageSize(SandboxRequest request, String name, int fallback) throws BadRequestException {
    return Math.min(request.intParam(name, Math.min(fallback, maxPageSize), 1), maxPageSize);
  }

  /** Writes records {@code [from, to)}, clamped to the window, into the current JSON array. */
  final void writeRecords(JsonGenerator json, RecordWindow window, long from, long to) throws IOException {
    long end = Math.min(to, window.to());
    for (long index = Math.max(from, window.from()); index < end; index++) {
      generator.write(json, (int) index);
    }
  }
}
