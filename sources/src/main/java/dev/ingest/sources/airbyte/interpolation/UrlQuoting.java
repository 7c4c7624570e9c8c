package dev.ingest.sources.airbyte.interpolation;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Python's {@code urllib.parse.quote} family as Jinja2's {@code urlencode} filter and Airbyte's {@code sanitize_url}
 * use them: unreserved characters ({@code A-Z a-z 0-9 _ . - ~}) kept, everything else percent-encoded as UTF-8.
 */
final class UrlQuoting {

  private UrlQuoting() {}

  /** {@code quote(text, safe)}; with {@code plus}, spaces become {@code +} ({@code quote_plus}). */
  static String quote(String text, String safe, boolean plus) {
    StringBuilder out = new StringBuilder();
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || "_.-~".indexOf(c) >= 0
          || (c < 0x80 && safe.indexOf(c) >= 0)) {
        out.append((char) c);
      } else if (plus && c == ' ') {
        out.append('+');
      } else {
        out.append('%').append(String.format("%02X", c));
      }
    }
    return out.toString();
  }

  /** Jinja2's {@code urlencode}: a string quoted with {@code /} safe; a dict or list of pairs as a query string. */
  static String jinjaUrlencode(Object value) {
    if (value instanceof Map || value instanceof Collection) {
      Iterable<?> pairs = value instanceof Map ? ((Map<?, ?>) value).entrySet() : (Collection<?>) value;
      StringJoiner query = new StringJoiner("&");
      for (Object pair : pairs) {
        Object k;
        Object v;
        if (pair instanceof Map.Entry) {
          k = ((Map.Entry<?, ?>) pair).getKey();
          v = ((Map.Entry<?, ?>) pair).getValue();
        } else if (pair instanceof java.util.List && ((java.util.List<?>) pair).size() == 2) {
          k = ((java.util.List<?>) pair).get(0);
          v = ((java.util.List<?>) pair).get(1);
        } else {
          throw new IllegalArgumentException("urlencode expects a dict or a list of pairs");
        }
        query.add(quote(PythonValues.str(k), "", true) + "=" + quote(PythonValues.str(v), "", true));
      }
      return query.toString();
    }
    return quote(PythonValues.str(value), "/", false);
  }
}
