package dev.ingest.sources.spec;

import java.util.Objects;

/** One validation error, naming the field by its dotted path: {@code endpoints.tickets.paging.cursor_path: required}. */
public record FieldError(String path, String message) {
  public FieldError {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(message, "message");
  }

  @Override
  public String toString() {
    return path.isEmpty() ? message : path + ": " + message;
  }
}
