package dev.ingest.sources.paging;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * An RFC 8288 {@code Link} header parser: several link-values per header and several header lines, parameters
 * with token or quoted-string values (commas and semicolons allowed inside quotes, backslash escapes), relation
 * types as a space-separated, case-insensitive list ({@code rel="next last"}), first occurrence of a parameter
 * wins. Malformed link-values are skipped rather than failing the whole header.
 */
public final class LinkHeader {
  private LinkHeader() {}

  /**
   * One link-value.
   *
   * @param target the URI reference between {@code <} and {@code >}, as written (may be relative)
   * @param params the parameters, names lower-cased, values unquoted
   */
  public record Link(String target, Map<String, String> params) {
    /** The relation types, lower-cased. */
    public Set<String> rels() {
      String rel = params.get("rel");
      if (rel == null || rel.isBlank()) {
        return Set.of();
      }
      return Arrays.stream(rel.trim().split("\\s+")).map(r -> r.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
    }
  }

  /** The target of the first link with relation {@code rel} across all header values. */
  public static Optional<String> find(List<String> headerValues, String rel) {
    String wanted = rel.toLowerCase(Locale.ROOT);
    return parse(headerValues).stream().filter(l -> l.rels().contains(wanted)).map(Link::target).findFirst();
  }

  /** Every link-value of every header line, in order. */
  public static List<Link> parse(List<String> headerValues) {
    List<Link> links = new ArrayList<>();
    for (String value : headerValues) {
      parseOne(value, links);
    }
    return links;
  }

  private static void parseOne(String s, List<Link> out) {
    int[] pos = {0};
    int n = s.length();
    while (true) {
      skip(s, pos, " \t,");
      if (pos[0] >= n) {
        return;
      }
      if (s.charAt(pos[0]) != '<') {
        skipToNextLink(s, pos);
        continue;
      }
      int close = s.indexOf('>', pos[0] + 1);
      if (close < 0) {
        return;
      }
      String target = s.substring(pos[0] + 1, close).trim();
      pos[0] = close + 1;
      Map<String, String> params = new LinkedHashMap<>();
      boolean ok = readParams(s, pos, params);
      if (ok) {
        out.add(new Link(target, Collections.unmodifiableMap(params)));
      }
    }
  }

  /** Reads {@code ; name=value} pairs up to the next top-level comma; false when the link-value is malformed. */
  private static boolean readParams(String s, int[] pos, Map<String, String> params) {
    int n = s.length();
    while (true) {
      skip(s, pos, " \t");
      if (pos[0] >= n) {
        return true;
      }
      char c = s.charAt(pos[0]);
      if (c == ',') {
        pos[0]++;
        return true;
      }
      if (c != ';') {
        skipToNextLink(s, pos);
        return false;
      }
      pos[0]++;
      skip(s, pos, " \t");
      int start = pos[0];
      while (pos[0] < n && "=;, \t".indexOf(s.charAt(pos[0])) < 0) {
        pos[0]++;
      }
      String name = s.substring(start, pos[0]).toLowerCase(Locale.ROOT);
      skip(s, pos, " \t");
      String value = "";
      if (pos[0] < n && s.charAt(pos[0]) == '=') {
        pos[0]++;
        skip(s, pos, " \t");
        value = pos[0] < n && s.charAt(pos[0]) == '"' ? quoted(s, pos) : token(s, pos);
      }
      if (!name.isEmpty()) {
        params.putIfAbsent(name, value);
      }
    }
  }

  private static String quoted(String s, int[] pos) {
    StringBuilder sb = new StringBuilder();
    pos[0]++; // opening quote
    while (pos[0] < s.length()) {
      char c = s.charAt(pos[0]++);
      if (c == '\\' && pos[0] < s.length()) {
        sb.append(s.charAt(pos[0]++));
      } else if (c == '"') {
        return sb.toString();
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }

  private static String token(String s, int[] pos) {
    int start = pos[0];
    while (pos[0] < s.length() && ";, \t".indexOf(s.charAt(pos[0])) < 0) {
      pos[0]++;
    }
    return s.substring(start, pos[0]);
  }

  private static void skip(String s, int[] pos, String chars) {
    while (pos[0] < s.length() && chars.indexOf(s.charAt(pos[0])) >= 0) {
      pos[0]++;
    }
  }

  /** Skips past the next comma that is outside quotes and angle brackets. */
  private static void skipToNextLink(String s, int[] pos) {
    boolean quoted = false;
    boolean angled = false;
    while (pos[0] < s.length()) {
      char c = s.charAt(pos[0]++);
      if (quoted && c == '\\') {
        pos[0]++;
      } else if (c == '"' && !angled) {
        quoted = !quoted;
      } else if (c == '<' && !quoted) {
        angled = true;
      } else if (c == '>' && !quoted) {
        angled = false;
      } else if (c == ',' && !quoted && !angled) {
        return;
      }
    }
  }
}
