package dev.ingest.sinks.schema;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What sample values say about one field, as a small join semi-lattice: {@link #UNKNOWN} (only nulls seen) is the
 * bottom, {@link #CONFLICT} (values that cannot share a type) the top. Struct fields absorb a conflict into a
 * string column; list elements pass it up, so a list with mixed elements becomes a string column as a whole.
 */
sealed interface InferredType {

  InferredType UNKNOWN = new Unknown();
  InferredType CONFLICT = new Conflict();
  InferredType BOOLEAN = new Scalar(ScalarKind.BOOLEAN);
  InferredType LONG = new Scalar(ScalarKind.LONG);
  InferredType DOUBLE = new Scalar(ScalarKind.DOUBLE);
  InferredType STRING = new Scalar(ScalarKind.STRING);
  InferredType TIMESTAMPTZ = new Scalar(ScalarKind.TIMESTAMPTZ);
  InferredType DATE = new Scalar(ScalarKind.DATE);

  /**
   * Kinds of JSON scalars. {@code TIMESTAMPTZ} and {@code DATE} are strings that parse as an ISO-8601 timestamp
   * with an offset and as a {@code yyyy-MM-dd} date; with each other or with other strings they merge to
   * {@code STRING}.
   */
  enum ScalarKind {
    BOOLEAN,
    LONG,
    DOUBLE,
    STRING,
    TIMESTAMPTZ,
    DATE;

    boolean isText() {
      return this == STRING || this == TIMESTAMPTZ || this == DATE;
    }

    boolean isNumeric() {
      return this == LONG || this == DOUBLE;
    }
  }

  /** Only nulls (or nothing) seen so far. */
  record Unknown() implements InferredType {}

  /** Values seen that cannot share a type. */
  record Conflict() implements InferredType {}

  /** A JSON scalar. */
  record Scalar(ScalarKind kind) implements InferredType {}

  /** A JSON array whose elements merge to {@code element}. */
  record ListOf(InferredType element) implements InferredType {}

  /** A JSON object; field order is first appearance. Mutable while inferring. */
  record Struct(Map<String, InferredType> fields) implements InferredType {
    Struct() {
      this(new LinkedHashMap<>());
    }
  }

  /** The least type covering both. Structs are merged into {@code a} when both are structs. */
  static InferredType merge(InferredType a, InferredType b) {
    if (a instanceof Unknown) {
      return b;
    }
    if (b instanceof Unknown) {
      return a;
    }
    if (a instanceof Conflict || b instanceof Conflict) {
      return CONFLICT;
    }
    if (a instanceof Scalar x && b instanceof Scalar y) {
      if (x.kind() == y.kind()) {
        return a;
      }
      if (x.kind().isNumeric() && y.kind().isNumeric()) {
        return DOUBLE;
      }
      return x.kind().isText() && y.kind().isText() ? STRING : CONFLICT;
    }
    if (a instanceof ListOf x && b instanceof ListOf y) {
      InferredType element = merge(x.element(), y.element());
      return element instanceof Conflict ? CONFLICT : new ListOf(element);
    }
    if (a instanceof Struct x && b instanceof Struct y) {
      for (Map.Entry<String, InferredType> e : y.fields().entrySet()) {
        x.fields().merge(e.getKey(), e.getValue(), InferredType::mergeField);
      }
      return x;
    }
    return CONFLICT;
  }

  /** Merge for a struct field: a conflict becomes a string column holding JSON text. */
  static InferredType mergeField(InferredType a, InferredType b) {
    InferredType merged = merge(a, b);
    return merged instanceof Conflict ? STRING : merged;
  }
}
