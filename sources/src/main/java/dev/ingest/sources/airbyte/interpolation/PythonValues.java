package dev.ingest.sources.airbyte.interpolation;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Python's view of the values interpolation handles: {@link #str} and {@link #repr} (what Jinja2 prints for a value
 * and what Airbyte then sends: {@code True}, {@code None}, {@code {'a': 1}}, {@code 1.0}, {@code 1e+16}),
 * {@link #isFalse} (InterpolatedBoolean's false values), and {@link #plain} (JSON trees and Java values turned into
 * the maps, lists, strings, longs, doubles and booleans templates see).
 */
public final class PythonValues {

  private PythonValues() {}

  /**
   * Python's {@code str(value)}: a string as it is, {@code None}, {@code True}/{@code False}, Python's float
   * spelling, containers with their items' {@code repr}.
   */
  public static String str(Object value) {
    if (value instanceof String) {
      return (String) value;
    }
    if (value instanceof Character) {
      return value.toString();
    }
    return repr(value);
  }

  /** Python's {@code repr(value)}. */
  public static String repr(Object value) {
    StringBuilder out = new StringBuilder();
    repr(value, out, 0);
    return out.toString();
  }

  private static void repr(Object value, StringBuilder out, int depth) {
    if (depth > 100) {
      throw new IllegalArgumentException("value nested deeper than 100 levels");
    }
    if (value == null || value == PythonLiteral.NONE) {
      out.append("None");
    } else if (value instanceof Boolean) {
      out.append((Boolean) value ? "True" : "False");
    } else if (value instanceof String || value instanceof Character) {
      quote(value.toString(), out);
    } else if (value instanceof Double || value instanceof Float) {
      out.append(floatRepr(((Number) value).doubleValue()));
    } else if (value instanceof BigDecimal) {
      out.append(floatRepr(((BigDecimal) value).doubleValue()));
    } else if (value instanceof Number) {
      out.append(value);
    } else if (value instanceof Map) {
      out.append('{');
      Iterator<? extends Map.Entry<?, ?>> entries = ((Map<?, ?>) value).entrySet().iterator();
      while (entries.hasNext()) {
        Map.Entry<?, ?> entry = entries.next();
        repr(entry.getKey(), out, depth + 1);
        out.append(": ");
        repr(entry.getValue(), out, depth + 1);
        if (entries.hasNext()) {
          out.append(", ");
        }
      }
      out.append('}');
    } else if (value instanceof Collection || value instanceof Object[]) {
      Collection<?> items = value instanceof Object[] ? List.of((Object[]) value) : (Collection<?>) value;
      out.append('[');
      Iterator<?> it = items.iterator();
      while (it.hasNext()) {
        repr(it.next(), out, depth + 1);
        if (it.hasNext()) {
          out.append(", ");
        }
      }
      out.append(']');
    } else {
      out.append(value);
    }
  }

  private static void quote(String s, StringBuilder out) {
    char quote = s.indexOf('\'') >= 0 && s.indexOf('"') < 0 ? '"' : '\'';
    out.append(quote);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == quote || c == '\\') {
        out.append('\\').append(c);
      } else if (c == '\n') {
        out.append("\\n");
      } else if (c == '\r') {
        out.append("\\r");
      } else if (c == '\t') {
        out.append("\\t");
      } else if (c < 0x20 || c == 0x7f) {
        out.append(String.format("\\x%02x", (int) c));
      } else {
        out.append(c);
      }
    }
    out.append(quote);
  }

  /** Python's float repr: shortest round-trip digits, scientific below 1e-4 and from 1e16, {@code inf}, {@code nan}. */
  static String floatRepr(double d) {
    if (Double.isNaN(d)) {
      return "nan";
    }
    if (Double.isInfinite(d)) {
      return d > 0 ? "inf" : "-inf";
    }
    if (d == 0) {
      return (1 / d < 0) ? "-0.0" : "0.0";
    }
    BigDecimal exact = new BigDecimal(Double.toString(d)).stripTrailingZeros();
    int exponent = exact.precision() - exact.scale() - 1;
    if (exponent < -4 || exponent >= 16) {
      String digits = exact.unscaledValue().abs().toString();
      String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
      return (d < 0 ? "-" : "") + mantissa + "e" + (exponent < 0 ? "-" : "+")
          + String.format("%02d", Math.abs(exponent));
    }
    String plain = exact.toPlainString();
    return plain.contains(".") ? plain : plain + ".0";
  }

  /**
   * InterpolatedBoolean's rule: false for {@code False}, {@code 0}, {@code 0.0}, empty text, map or list, and the
   * texts {@code "False"}, {@code "false"}, {@code "{}"}, {@code "[]"}, {@code "()"}, {@code "0"}, {@code "0.0"};
   * anything else is true.
   */
  static boolean isFalse(Object value) {
    if (value instanceof Boolean) {
      return !(Boolean) value;
    }
    if (value instanceof String) {
      switch ((String) value) {
        case "False": case "false": case "{}": case "[]": case "()": case "": case "0": case "0.0":
          return true;
        default:
          return false;
      }
    }
    if (value instanceof Number) {
      return ((Number) value).doubleValue() == 0;
    }
    if (value instanceof Map) {
      return ((Map<?, ?>) value).isEmpty();
    }
    if (value instanceof Collection) {
      return ((Collection<?>) value).isEmpty();
    }
    return false;
  }

  /**
   * The plain form of a value for a template: JSON trees become maps (in document order), lists, strings, longs
   * (or big integers), doubles, booleans and nulls; maps and lists are copied recursively; other values stay.
   */
  public static Object plain(Object value) {
    return plain(value, 0);
  }

  private static Object plain(Object value, int depth) {
    if (depth > 200) {
      throw new IllegalArgumentException("value nested deeper than 200 levels");
    }
    if (value instanceof JsonNode) {
      return json((JsonNode) value, depth);
    }
    if (value instanceof Map) {
      Map<String, Object> copy = new LinkedHashMap<>();
      ((Map<?, ?>) value).forEach((k, v) -> copy.put(String.valueOf(k), plain(v, depth + 1)));
      return copy;
    }
    if (value instanceof Collection) {
      List<Object> copy = new ArrayList<>();
      for (Object item : (Collection<?>) value) {
        copy.add(plain(item, depth + 1));
      }
      return copy;
    }
    if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
      return ((Number) value).longValue();
    }
    if (value instanceof Float) {
      return ((Float) value).doubleValue();
    }
    if (value instanceof BigDecimal) {
      return ((BigDecimal) value).doubleValue();
    }
    return value;
  }

  private static Object json(JsonNode node, int depth) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return null;
    }
    if (node.isObject()) {
      Map<String, Object> map = new LinkedHashMap<>();
      node.fields().forEachRemaining(e -> map.put(e.getKey(), json(e.getValue(), depth + 1)));
      return map;
    }
    if (node.isArray()) {
      List<Object> list = new ArrayList<>();
      node.forEach(item -> list.add(json(item, depth + 1)));
      return list;
    }
    if (node.isBoolean()) {
      return node.booleanValue();
    }
    if (node.isIntegralNumber()) {
      BigInteger big = node.bigIntegerValue();
      return big.bitLength() < 64 ? (Object) big.longValue() : big;
    }
    if (node.isNumber()) {
      return node.doubleValue();
    }
    return node.asText();
  }
}
