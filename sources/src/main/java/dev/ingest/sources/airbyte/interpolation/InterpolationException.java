package dev.ingest.sources.airbyte.interpolation;

/**
 * An interpolated expression could not be evaluated. The message names the expression (manifest text) and the
 * reason; values from the config never appear in it (they are redacted before the message is built).
 */
public final class InterpolationException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final String expression;

  InterpolationException(String expression, String reason) {
    super("cannot evaluate '" + expression + "': " + reason);
    this.expression = expression;
  }

  /** The template text that failed, as written in the manifest. */
  public String expression() {
    return expression;
  }
}
