package dev.ingest.sources.airbyte.runtime;

import java.util.Collection;
import java.util.Map;

/** Python truthiness and integer checks of interpolated values, as Airbyte applies them. */
final class Truthiness {
  private Truthiness() {}

  /** False for null, false, 0, "" and empty collections or mappings. */
  static boolean truthy(Object value) {
    if (value == null) {
      return false;
    }
    if (value instanceof Boolean b) {
      return b;
    }
    if (value instanceof Number n) {
      return n.doubleValue() != 0;
    }
    if (value instanceof CharSequence s) {
      return s.length() > 0;
    }
    if (value instanceof Collection<?> c) {
      return !c.isEmpty();
    }
    if (value instanceof Map<?, ?> m) {
      return !m.isEmpty();
    }
    return true;
  }

  /** An integer value (page sizes), or null; anything else is refused naming the field. */
  static Long integer(Object value, Component component, String field) {
    if (value == null) {
      return null;
    }
    if (value instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
      return n.longValue();
    }
    if (value instanceof String s && s.matches("-?\\d{1,18}")) {
      return Long.parseLong(s);
    }
    throw component.refuse(field + ": expected an integer, got '" + value + "'");
  }
}
