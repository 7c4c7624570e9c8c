package dev.ingest.sources.airbyte.interpolation;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Python's {@code str} methods with Python's semantics: {@code split()} without a separator splits on runs of
 * whitespace and drops empty parts, {@code split(sep)} is literal (not a regex) and keeps empty parts, {@code strip}
 * takes a set of characters, {@code replace} replaces every occurrence (or the first {@code count}),
 * {@code startswith}/{@code endswith} take a string or a tuple of strings.
 */
final class StringMethods {

  private StringMethods() {}

  /** Calls the method, or returns {@link PythonMethods#MISSING} when {@code str} has none of that name here. */
  static Object invoke(String s, String name, Object[] a) {
    switch (name) {
      case "split": return split(s, a, false);
      case "rsplit": return split(s, a, true);
      case "strip": PythonMethods.arity(name, a, 0, 1); return strip(s, chars(a), true, true);
      case "lstrip": PythonMethods.arity(name, a, 0, 1); return strip(s, chars(a), true, false);
      case "rstrip": PythonMethods.arity(name, a, 0, 1); return strip(s, chars(a), false, true);
      case "lower": return s.toLowerCase(java.util.Locale.ROOT);
      case "upper": return s.toUpperCase(java.util.Locale.ROOT);
      case "capitalize":
        return s.isEmpty() ? s : s.substring(0, 1).toUpperCase(java.util.Locale.ROOT)
            + s.substring(1).toLowerCase(java.util.Locale.ROOT);
      case "title": return title(s);
      case "replace": return replace(s, a);
      case "startswith": return affix(s, a, true);
      case "endswith": return affix(s, a, false);
      case "find": PythonMethods.arity(name, a, 1, 1); return (long) s.indexOf(PythonMethods.text(a, 0));
      case "count": PythonMethods.arity(name, a, 1, 1); return count(s, PythonMethods.text(a, 0));
      case "join": PythonMethods.arity(name, a, 1, 1); return join(s, a[0]);
      case "isdigit": return !s.isEmpty() && s.chars().allMatch(Character::isDigit);
      case "isalpha": return !s.isEmpty() && s.chars().allMatch(Character::isLetter);
      case "zfill": {
        PythonMethods.arity(name, a, 1, 1);
        int width = ((Number) a[0]).intValue();
        if (s.length() >= width) {
          return s;
        }
        boolean sign = !s.isEmpty() && (s.charAt(0) == '-' || s.charAt(0) == '+');
        String zeros = "0".repeat(width - s.length());
        return sign ? s.charAt(0) + zeros + s.substring(1) : zeros + s;
      }
      default: return PythonMethods.MISSING;
    }
  }

  private static String chars(Object[] a) {
    return a.length == 0 || a[0] == null ? null : PythonMethods.text(a, 0);
  }

  static String strip(String s, String chars, boolean left, boolean right) {
    int start = 0;
    int end = s.length();
    while (left && start < end && stripped(s.charAt(start), chars)) {
      start++;
    }
    while (right && end > start && stripped(s.charAt(end - 1), chars)) {
      end--;
    }
    return s.substring(start, end);
  }

  private static boolean stripped(char c, String chars) {
    return chars == null ? Character.isWhitespace(c) : chars.indexOf(c) >= 0;
  }

  private static List<String> split(String s, Object[] a, boolean fromRight) {
    PythonMethods.arity("split", a, 0, 2);
    String sep = a.length == 0 || a[0] == null ? null : PythonMethods.text(a, 0);
    int max = a.length > 1 ? ((Number) a[1]).intValue() : -1;
    if (sep != null && sep.isEmpty()) {
      throw new IllegalArgumentException("empty separator");
    }
    List<String> parts = new ArrayList<>();
    if (sep == null) {
      String rest = strip(s, null, !fromRight || max < 0, fromRight || max < 0);
      while (!rest.isEmpty()) {
        if (max >= 0 && parts.size() == max) {
          parts.add(rest);
          break;
        }
        int cut = fromRight ? lastWhitespace(rest) : firstWhitespace(rest);
        if (cut < 0) {
          parts.add(rest);
          break;
        }
        if (fromRight) {
          parts.add(0, rest.substring(cut + 1));
          rest = strip(rest.substring(0, cut), null, false, true);
        } else {
          parts.add(rest.substring(0, cut));
          rest = strip(rest.substring(cut), null, true, false);
        }
      }
      return parts;
    }
    String rest = s;
    while (max < 0 || parts.size() < max) {
      int cut = fromRight ? rest.lastIndexOf(sep) : rest.indexOf(sep);
      if (cut < 0) {
        break;
      }
      if (fromRight) {
        parts.add(0, rest.substring(cut + sep.length()));
        rest = rest.substring(0, cut);
      } else {
        parts.add(rest.substring(0, cut));
        rest = rest.substring(cut + sep.length());
      }
    }
    if (fromRight) {
      parts.add(0, rest);
    } else {
      parts.add(rest);
    }
    return parts;
  }

  private static int firstWhitespace(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (Character.isWhitespace(s.charAt(i))) {
        return i;
      }
    }
    return -1;
  }

  private static int lastWhitespace(String s) {
    for (int i = s.length() - 1; i >= 0; i--) {
      if (Character.isWhitespace(s.charAt(i))) {
        return i;
      }
    }
    return -1;
  }

  private static String title(String s) {
    StringBuilder out = new StringBuilder(s.length());
    boolean previousCased = false;
    for (char c : s.toCharArray()) {
      out.append(previousCased ? Character.toLowerCase(c) : Character.toUpperCase(c));
      previousCased = Character.isLetter(c);
    }
    return out.toString();
  }

  private static String replace(String s, Object[] a) {
    PythonMethods.arity("replace", a, 2, 3);
    String old = PythonMethods.text(a, 0);
    String replacement = PythonMethods.text(a, 1);
    int count = a.length > 2 ? ((Number) a[2]).intValue() : -1;
    if (count < 0) {
      return old.isEmpty() ? insertBetween(s, replacement) : s.replace(old, replacement);
    }
    StringBuilder out = new StringBuilder();
    int from = 0;
    for (int n = 0; n < count; n++) {
      int at = s.indexOf(old, from);
      if (at < 0 || old.isEmpty()) {
        break;
      }
      out.append(s, from, at).append(replacement);
      from = at + old.length();
    }
    return out.append(s.substring(from)).toString();
  }

  private static String insertBetween(String s, String insert) {
    StringBuilder out = new StringBuilder(insert);
    for (char c : s.toCharArray()) {
      out.append(c).append(insert);
    }
    return out.toString();
  }

  private static boolean affix(String s, Object[] a, boolean prefix) {
    PythonMethods.arity(prefix ? "startswith" : "endswith", a, 1, 1);
    if (a[0] instanceof Collection) {
      for (Object option : (Collection<?>) a[0]) {
        if (affix(s, new Object[] {option}, prefix)) {
          return true;
        }
      }
      return false;
    }
    String affix = PythonMethods.text(a, 0);
    return prefix ? s.startsWith(affix) : s.endsWith(affix);
  }

  private static long count(String s, String part) {
    if (part.isEmpty()) {
      return s.length() + 1L;
    }
    long n = 0;
    for (int at = s.indexOf(part); at >= 0; at = s.indexOf(part, at + part.length())) {
      n++;
    }
    return n;
  }

  private static String join(String sep, Object items) {
    if (!(items instanceof Collection)) {
      throw new IllegalArgumentException("join() expects a list, not " + PythonMethods.typeName(items));
    }
    List<String> parts = new ArrayList<>();
    for (Object item : (Collection<?>) items) {
      if (!(item instanceof String)) {
        throw new IllegalArgumentException("join(): expected str items, found " + PythonMethods.typeName(item));
      }
      parts.add((String) item);
    }
    return String.join(sep, parts);
  }
}
