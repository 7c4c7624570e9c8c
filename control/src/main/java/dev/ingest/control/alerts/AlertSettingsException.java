package dev.ingest.control.alerts;

/** Bad alert settings; {@link #field()} is the setting's path, such as {@code webhooks[0].url}. */
public final class AlertSettingsException extends IllegalArgumentException {
  private final String field;

  public AlertSettingsException(String field, String message) {
    super(field + ": " + message);
    this.field = field;
  }

  /** The path of the bad setting. */
  public String field() {
    return field;
  }

  /** The problem without the field path. */
  public String problem() {
    return getMessage().substring(field.length() + 2);
  }
}
