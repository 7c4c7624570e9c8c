package dev.ingest.sources.spec;

import java.io.Serializable;

/**
 * One non-secret setting of a connector ({@code config.<key>} in YAML), usable in templates as
 * {@code {{ config.<key> }}}.
 *
 * @param key the setting's name, {@code [a-z][a-z0-9_]*}
 * @param required whether the setting must have a value (from the pipeline or {@link #defaultValue()})
 * @param description what the setting means, shown by the CLI and dashboard; empty when not given
 * @param defaultValue the value used when the pipeline gives none, or null
 */
public record ConfigField(String key, boolean required, String description, String defaultValue)
    implements Serializable {

  /** True when the setting has a default value. */
  public boolean hasDefault() {
    return defaultValue != null;
  }
}
