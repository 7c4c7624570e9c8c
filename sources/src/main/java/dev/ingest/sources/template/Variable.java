package dev.ingest.sources.template;

import java.io.Serializable;
import java.util.Objects;

/**
 * One variable referenced by a template, e.g. {@code config.base_url} or {@code vars.parent.id}.
 *
 * @param namespace where the value comes from
 * @param key the name inside the namespace; may contain dots ({@code parent.id})
 */
public record Variable(Namespace namespace, String key) implements Serializable {
  public Variable {
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(key, "key");
  }

  /** The variable as written in a template, without braces: {@code credentials.token}. */
  @Override
  public String toString() {
    return namespace.prefix() + "." + key;
  }
}
