package dev.ingest.sources.template;

/**
 * A template could not be parsed, or rendering met a variable with no value. The message names the template
 * text or the variable, never a variable's value.
 */
public class TemplateException extends RuntimeException {
  private final transient Variable variable;

  public TemplateException(String message) {
    this(message, null);
  }

  public TemplateException(String message, Variable variable) {
    super(message);
    this.variable = variable;
  }

  /** The unresolved variable, or null when the template itself is malformed. */
  public Variable variable() {
    return variable;
  }
}
