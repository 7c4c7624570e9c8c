package dev.ingest.sources.airbyte.interpolation;

/**
 * Rewrites the string literals inside {@code {{ }}} and {@code {% %}} so Jinjava's EL lexer reads them as Jinja2
 * (Python's {@code unicode-escape}) does: {@code \n}, {@code \t}, {@code \r}, {@code \xNN}, {@code \\uNNNN} become the
 * characters, {@code \\}, {@code \'} and {@code \"} stay escapes, and an unknown escape such as {@code \/} or
 * {@code \d} (regular expressions in manifests) keeps its backslash, where the EL lexer would reject it. The same
 * pass collects the filter names the template applies ({@link #filterNames}), which Jinja2 checks when it compiles
 * a template and Jinjava never does. And as Jinja2's lexer balances brackets, a {@code }}} that closes a nested
 * dict literal inside an expression ({@code {{ {'a': {'b': 1}} }}}) is split so Jinjava's scanner does not end the
 * expression there.
 */
final class JinjaLiterals {

  private JinjaLiterals() {}

  /** The names after each {@code |} outside string literals in the template's expressions and tags. */
  static java.util.Set<String> filterNames(String template) {
    java.util.Set<String> names = new java.util.LinkedHashSet<>();
    scan(template, names);
    return names;
  }

  static String rewrite(String template) {
    return scan(template, new java.util.HashSet<>());
  }

  private static String scan(String template, java.util.Set<String> filters) {
    StringBuilder out = new StringBuilder(template.length() + 8);
    int i = 0;
    int n = template.length();
    while (i < n) {
      boolean open = i + 1 < n && template.charAt(i) == '{'
          && (template.charAt(i + 1) == '{' || template.charAt(i + 1) == '%');
      if (!open) {
        out.append(template.charAt(i++));
        continue;
      }
      char close = template.charAt(i + 1) == '{' ? '}' : '%';
      out.append(template, i, i + 2);
      i += 2;

      char quote = 0;
      int depth = 0;
      while (i < n) {
        char c = template.charAt(i);
        if (quote == 0) {
          if (c == close && i + 1 < n && template.charAt(i + 1) == '}' && (depth == 0 || close == '%')) {
            out.append(c).append('}');
            i += 2;
            break;
          }
          if (c == '{' || c == '[' || c == '(') {
            depth++;
          } else if (c == '}' || c == ']' || c == ')') {
            depth = Math.max(0, depth - 1);
            if (c == '}' && i + 1 < n && template.charAt(i + 1) == '}') {
              out.append("} ");
              i++;
              continue;
            }
          }
          if (c == '\'' || c == '"') {
            quote = c;
          }
          if (c == '|' && i + 1 < n && template.charAt(i + 1) != '|' && (i == 0 || template.charAt(i - 1) != '|')) {
            int start = i + 1;
            while (start < n && template.charAt(start) == ' ') {
              start++;
            }
            int end = start;
            while (end < n && (Character.isLetterOrDigit(template.charAt(end)) || template.charAt(end) == '_')) {
              end++;
            }
            if (end > start) {
              filters.add(template.substring(start, end));
            }
          }
          out.append(c);
          i++;
        } else if (c == '\\' && i + 1 < n) {
          i = escape(template, i, out);
        } else {
          if (c == quote) {
            quote = 0;
          }
          out.append(c);
          i++;
        }
      }
    }
    return out.toString();
  }

  /** Writes the escape at {@code i} (a backslash) in EL form and returns the index after it. */
  private static int escape(String s, int i, StringBuilder out) {
    char e = s.charAt(i + 1);
    switch (e) {
      case '\\': case '\'': case '"':
        out.append('\\').append(e);
        return i + 2;
      case 'n': out.append('\n'); return i + 2;
      case 't': out.append('\t'); return i + 2;
      case 'r': out.append('\r'); return i + 2;
      case 'x': return hex(s, i, 2, out);
      case 'u': return hex(s, i, 4, out);
      default:
        out.append("\\\\").append(e);
        return i + 2;
    }
  }

  private static int hex(String s, int i, int digits, StringBuilder out) {
    int start = i + 2;
    if (start + digits <= s.length()) {
      try {
        char c = (char) Integer.parseInt(s.substring(start, start + digits), 16);
        if (c == '\\' || c == '\'' || c == '"') {
          out.append('\\');
        }
        out.append(c);
        return start + digits;
      } catch (NumberFormatException ignored) {
        // not a hex escape: keep the backslash, as Python's codec would fail and Jinja2 would too
      }
    }
    out.append("\\\\").append(s.charAt(i + 1));
    return i + 2;
  }
}
