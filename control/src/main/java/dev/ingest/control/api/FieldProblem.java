package dev.ingest.control.api;

import dev.ingest.sources.spec.FieldError;
import java.util.List;

/**
 * One problem with a request, naming the field by its path in the request body ({@code endpoints[1]},
 * {@code credentials.secret}); the empty path means the body as a whole.
 */
public record FieldProblem(String field, String message) {
  public static List<FieldProblem> of(List<FieldError> errors) {
    return errors.stream().map(e -> new FieldProblem(e.path(), e.message())).toList();
  }
}
