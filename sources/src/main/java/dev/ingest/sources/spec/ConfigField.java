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
 * @param label the setting's name for people ({@code label:} in YAML, a manifest property's {@code title}), shown
 *     by the dashboard instead of the key; empty when not given
 */
public record ConfigField(String key, boolean required, String description, String defaultValue, String label)
    implements Serializable {

  public ConfigField {
    description = description == null ? "" : description;
    label = label == null ? "" : label;
  }

  /** A setting without a label. */
  public ConfigField(String key, boolean required, String description, String defaultValue) {
    this(key, required, description, defaultValue, "");
  }

  /** True when the setting has a default value. */
  public boolean hasDefault() {
    return defaultValue != null;
  }
}
