package dev.ingest.sources.template;

import java.util.Arrays;
import java.util.Optional;

/** The three variable namespaces a template may reference: {@code config}, {@code credentials} and {@code vars}. */
public enum Namespace {
  /** Non-secret connector settings supplied by the pipeline (with the connector's defaults). */
  CONFIG("config"),
  /** Fields of the pipeline's secret; only usable under {@code auth}. */
  CREDENTIALS("credentials"),
  /** Values supplied per fetch by the source ({@code FetchTarget.vars}: incremental cursors, parent keys). */
  VARS("vars");

  private final String prefix;

  Namespace(String prefix) {
    this.prefix = prefix;
  }

  /** The name used in templates, e.g. {@code config}. */
  public String prefix() {
    return prefix;
  }

  /** The namespace written {@code prefix} in a template, if any. */
  public static Optional<Namespace> of(String prefix) {
    return Arrays.stream(values()).filter(n -> n.prefix.equals(prefix)).findFirst();
  }
}
