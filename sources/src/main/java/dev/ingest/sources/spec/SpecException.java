package dev.ingest.sources.spec;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A connector or pipeline definition was rejected. Carries every error found, each naming its field path, so a
 * user fixes them all in one go. Messages never contain secret values.
 */
public class SpecException extends Exception {
  private final String source;
  private final List<FieldError> errors;

  public SpecException(String source, List<FieldError> errors) {
    super(format(source, errors));
    this.source = source;
    this.errors = List.copyOf(errors);
  }

  public SpecException(String source, String path, String message) {
    this(source, List.of(new FieldError(path, message)));
  }

  /** What was being loaded: a file path, {@code connector sandbox}, {@code pipeline demo}. */
  public String source() {
    return source;
  }

  public List<FieldError> errors() {
    return errors;
  }

  private static String format(String source, List<FieldError> errors) {
    return "invalid " + source + ":\n"
        + errors.stream().map(e -> "  - " + e).collect(Collectors.joining("\n"));
  }
}
