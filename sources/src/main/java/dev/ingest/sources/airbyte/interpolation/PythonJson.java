package dev.ingest.sources.airbyte.interpolation;

import java.util.Collection;
import java.util.Map;

/**
 * Python's {@code json.dumps(value)} with its default separators ({@code ", "} and {@code ": "}) and ASCII escaping,
 * for the {@code string} and {@code tojson} filters; a datetime is not JSON serializable, as in Python.
 */
final class PythonJson {

  private PythonJson() {}

  static String dumps(Object value) {
    StringBuilder out = new StringBuilder();
    write(value, out, 0, false);
    return out.toString();
  }

  /** Jinja2's {@code tojson}: keys sorted, then {@code <}, {@code >}, {@code &} and {@code '} escaped for HTML. */
  static String htmlSafeSorted(Object value) {
    StringBuilder out = new StringBuilder();
    write(value, out, 0, true);
    return out.toString().replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
        .replace("'", "\\u0027");
  }

  private static void write(Object value, StringBuilder out, int depth, boolean sorted) {
    if (depth > 100) {
      throw new IllegalArgumentException("value nested deeper than 100 levels");
    }
    if (value == null) {
      out.append("null");
    } else if (value instanceof Boolean) {
      out.append((Boolean) value ? "true" : "false");
    } else if (value instanceof Double || value instanceof Float) {
      double d = ((Number) value).doubleValue();
      out.append(Double.isNaN(d) ? "NaN" : Double.isInfinite(d) ? (d > 0 ? "Infinity" : "-Infinity")
          : PythonValues.floatRepr(d));
    } else if (value instanceof Number) {
      out.append(value);
    } else if (value instanceof Map) {
      out.append('{');
      boolean first = true;
      Map<?, ?> map = (Map<?, ?>) value;
      if (sorted) {
        java.util.TreeMap<String, Object> byKey = new java.util.TreeMap<>();
        map.forEach((k, v) -> byKey.put(String.valueOf(k), v));
        map = byKey;
      }
      for (Map.Entry<?, ?> e : map.entrySet()) {
        if (!first) {
          out.append(", ");
        }
        first = false;
        string(String.valueOf(e.getKey()), out);
        out.append(": ");
        write(e.getValue(), out, depth + 1, sorted);
      }
      out.append('}');
    } else if (value instanceof Collection) {
      out.append('[');
      boolean first = true;
      for (Object item : (Collection<?>) value) {
        if (!first) {
          out.append(", ");
        }
        first = false;
        write(item, out, depth + 1, sorted);
      }
      out.append(']');
    } else if (value instanceof String) {
      string((String) value, out);
    } else {
      throw new IllegalArgumentException("Object of type " + PythonMethods.typeName(value) + " is not JSON serializable");
    }
  }

  private static void string(String s, StringBuilder out) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"': out.append("\\\""); break;
        case '\\': out.append("\\\\"); break;
        case '\n': out.append("\\n"); break;
        case '\r': out.append("\\r"); break;
        case '\t': out.append("\\t"); break;
        case '\b': out.append("\\b"); break;
        case '\f': out.append("\\f"); break;
        default:
          if (c < 0x20 || c > 0x7e) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
      }
    }
    out.append('"');
  }
}
