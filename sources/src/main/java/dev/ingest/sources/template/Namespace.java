package dev.ingest.sources.template;

import java.util.Arrays;
import java.util.Optional;

/**
 * The variable namespaces a template may reference: {@code config}, {@code credentials}, {@code vars}, and the two
 * views of the per-fetch vars, {@code incremental} and {@code parent} ({@code {{ parent.gid }}} reads the var
 * {@code parent.gid}).
 */
public enum Namespace {
  /** Non-secret connector settings supplied by the pipeline (with the connector's defaults). */
  CONFIG("config"),
  /** Fields of the pipeline's secret; only usable under {@code auth}. */
  CREDENTIALS("credentials"),
  /** Values supplied per fetch by the source ({@code FetchTarget.vars}: incremental cursors, parent keys). */
  VARS("vars"),
  /** The incremental start value of the run: {@code incremental.since} (the source's {@code incremental.*} vars). */
  INCREMENTAL("incremental"),
  /** A field of the parent record of a child endpoint: {@code parent.gid} (the source's {@code parent.*} vars). */
  PARENT("parent");

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
