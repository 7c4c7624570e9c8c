package dev.ingest.control.api;

import java.util.List;

/**
 * A request the API refuses, with the HTTP status to answer and, for invalid input, every field problem. Rendered as
 * {@code {"error": code, "message": text, "errors": [{"field", "message"}]}}.
 */
public final class ApiException extends RuntimeException {
  private final int status;
  private final String code;
  private final List<FieldProblem> errors;

  public ApiException(int status, String code, String message, List<FieldProblem> errors) {
    super(message);
    this.status = status;
    this.code = code;
    this.errors = List.copyOf(errors);
  }

  public ApiException(int status, String code, String message) {
    this(status, code, message, List.of());
  }

  /** 400: the body is not what the route takes (not JSON/YAML, not an object). */
  public static ApiException badRequest(String field, String message) {
    return new ApiException(400, "bad_request", message, List.of(new FieldProblem(field, message)));
  }

  /** 422: the body parsed but is invalid; every problem names its field. */
  public static ApiException invalid(String what, List<FieldProblem> errors) {
    return new ApiException(422, "invalid", what + " is invalid: " + errors.size() + " problem"
        + (errors.size() == 1 ? "" : "s"), errors);
  }

  public int status() {
    return status;
  }

  public String code() {
    return code;
  }

  public List<FieldProblem> errors() {
    return errors;
  }
}
