package dev.ingest.sources.airbyte.interpolation;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Python's {@code ast.literal_eval} on a rendered template, which is how Airbyte types an interpolated value:
 * {@code 5} is an int ({@link Long}, or {@link BigInteger} past 64 bits), {@code 2.5} and {@code 1e3} floats
 * ({@link Double}), {@code True}/{@code False} booleans, {@code None} null, quoted text a string, {@code [..]} and
 * {@code (..)} lists, {@code {k: v}} maps, {@code {a, b}} sets (as lists). Anything else (names, operators, calls,
 * {@code 2024-01-01}, complex numbers) is not a literal: {@link #parse} returns empty and the caller keeps the text.
 */
final class PythonLiteral {

  private static final int MAX_DEPTH = 100;

  private final String text;
  private int pos;
  private int depth;

  private PythonLiteral(String text) {
    this.text = text;
  }

  /** The literal value of the whole text, or empty when it is not a Python literal. */
  static Optional<Object> parse(String text) {
    String trimmed = stripLeading(text);
    if (trimmed.isEmpty()) {
      return Optional.empty();
    }
    PythonLiteral parser = new PythonLiteral(trimmed);
    try {
      Object value = parser.value();
      parser.skipSpace();
      if (parser.pos != parser.text.length()) {
        return Optional.empty();
      }
      return Optional.of(value == null ? NONE : value);
    } catch (NotLiteral e) {
      return Optional.empty();
    }
  }

  /** Marks a parsed {@code None} (an {@link Optional} cannot hold null). */
  static final Object NONE = new Object() {
    @Override
    public String toString() {
      return "None";
    }
  };

  private static String stripLeading(String text) {
    int i = 0;
    while (i < text.length() && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
      i++;
    }
    return text.substring(i);
  }

  private Object value() {
    if (++depth > MAX_DEPTH) {
      throw new NotLiteral();
    }
    try {
      skipSpace();
      if (pos >= text.length()) {
        throw new NotLiteral();
      }
      char c = text.charAt(pos);
      if (c == '[') {
        pos++;
        return new ArrayList<>(sequence(']'));
      }
      if (c == '(') {
        pos++;
        return tuple();
      }
      if (c == '{') {
        pos++;
        return braces();
      }
      if (c == '\'' || c == '"' || isStringPrefix()) {
        return strings();
      }
      if (c == '-' || c == '+') {
        pos++;
        skipSpace();
        Object number = number();
        if (c == '+') {
          return number;
        }
        if (number instanceof Long) {
          long v = (Long) number;
          return v == Long.MIN_VALUE ? BigInteger.valueOf(v).negate() : -v;
        }
        if (number instanceof BigInteger) {
          return normalise(((BigInteger) number).negate());
        }
        return -(Double) number;
      }
      if (Character.isDigit(c) || c == '.') {
        return number();
      }
      String word = name();
      switch (word) {
        case "True": return Boolean.TRUE;
        case "False": return Boolean.FALSE;
        case "None": return null;
        default: throw new NotLiteral();
      }
    } finally {
      depth--;
    }
  }

  private List<Object> sequence(char close) {
    List<Object> items = new ArrayList<>();
    while (true) {
      skipSpace();
      if (peek(close)) {
        pos++;
        return items;
      }
      items.add(value());
      skipSpace();
      if (peek(',')) {
        pos++;
      } else if (peek(close)) {
        pos++;
        return items;
      } else {
        throw new NotLiteral();
      }
    }
  }

  private Object tuple() {
    skipSpace();
    if (peek(')')) {
      pos++;
      return new ArrayList<>();
    }
    Object first = value();
    skipSpace();
    if (peek(')')) {
      pos++;
      return first;
    }
    if (!peek(',')) {
      throw new NotLiteral();
    }
    pos++;
    List<Object> items = new ArrayList<>();
    items.add(first);
    items.addAll(sequence(')'));
    return items;
  }

  private Object braces() {
    skipSpace();
    Map<Object, Object> map = new LinkedHashMap<>();
    if (peek('}')) {
      pos++;
      return map;
    }
    Object first = value();
    skipSpace();
    if (!peek(':')) {
      LinkedHashSet<Object> set = new LinkedHashSet<>();
      set.add(first);
      if (peek(',')) {
        pos++;
        set.addAll(sequence('}'));
      } else if (peek('}')) {
        pos++;
      } else {
        throw new NotLiteral();
      }
      return new ArrayList<>(set);
    }
    Object key = first;
    while (true) {
      pos++;
      map.put(key, value());
      skipSpace();
      if (peek('}')) {
        pos++;
        return map;
      }
      if (!peek(',')) {
        throw new NotLiteral();
      }
      pos++;
      skipSpace();
      if (peek('}')) {
        pos++;
        return map;
      }
      key = value();
      skipSpace();
      if (!peek(':')) {
        throw new NotLiteral();
      }
    }
  }

  private boolean isStringPrefix() {
    int i = pos;
    while (i < text.length() && i - pos < 2 && "rRuU".indexOf(text.charAt(i)) >= 0) {
      i++;
    }
    return i > pos && i < text.length() && (text.charAt(i) == '\'' || text.charAt(i) == '"');
  }

  /** Adjacent string literals concatenate, as in Python ({@code 'a' "b"} is {@code ab}). */
  private String strings() {
    StringBuilder out = new StringBuilder();
    do {
      out.append(string());
      skipSpace();
    } while (pos < text.length() && (peek('\'') || peek('"') || isStringPrefix()));
    return out.toString();
  }

  private String string() {
    boolean raw = false;
    while ("rRuU".indexOf(text.charAt(pos)) >= 0) {
      raw |= Character.toLowerCase(text.charAt(pos)) == 'r';
      pos++;
    }
    char quote = text.charAt(pos);
    boolean triple = text.startsWith(String.valueOf(quote).repeat(3), pos);
    pos += triple ? 3 : 1;
    StringBuilder out = new StringBuilder();
    while (true) {
      if (pos >= text.length()) {
        throw new NotLiteral();
      }
      char c = text.charAt(pos);
      if (triple ? text.startsWith(String.valueOf(quote).repeat(3), pos) : c == quote) {
        pos += triple ? 3 : 1;
        return out.toString();
      }
      if (!triple && c == '\n') {
        throw new NotLiteral();
      }
      if (c == '\\' && pos + 1 < text.length()) {
        if (raw) {
          out.append(c).append(text.charAt(pos + 1));
          pos += 2;
          continue;
        }
        pos++;
        escape(out);
        continue;
      }
      out.append(c);
      pos++;
    }
  }

  private void escape(StringBuilder out) {
    char e = text.charAt(pos++);
    switch (e) {
      case '\n': return;
      case '\\': out.append('\\'); return;
      case '\'': out.append('\''); return;
      case '"': out.append('"'); return;
      case 'n': out.append('\n'); return;
      case 't': out.append('\t'); return;
      case 'r': out.append('\r'); return;
      case 'a': out.append('\u0007'); return;
      case 'b': out.append('\b'); return;
      case 'f': out.append('\f'); return;
      case 'v': out.append('\u000b'); return;
      case '0': case '1': case '2': case '3': case '4': case '5': case '6': case '7': {
        int start = pos - 1;
        while (pos < text.length() && pos - start < 3 && text.charAt(pos) >= '0' && text.charAt(pos) <= '7') {
          pos++;
        }
        out.append((char) Integer.parseInt(text.substring(start, pos), 8));
        return;
      }
      case 'x': out.append((char) hex(2)); return;
      case 'u': out.append((char) hex(4)); return;
      case 'U': out.appendCodePoint(hex(8)); return;
      default: out.append('\\').append(e);
    }
  }

  private int hex(int digits) {
    if (pos + digits > text.length()) {
      throw new NotLiteral();
    }
    try {
      int value = Integer.parseUnsignedInt(text.substring(pos, pos + digits), 16);
      pos += digits;
      return value;
    } catch (NumberFormatException e) {
      throw new NotLiteral();
    }
  }

  private Object number() {
    int start = pos;
    if (text.startsWith("0x", pos) || text.startsWith("0X", pos)) {
      return radix(16);
    }
    if (text.startsWith("0o", pos) || text.startsWith("0O", pos)) {
      return radix(8);
    }
    if (text.startsWith("0b", pos) || text.startsWith("0B", pos)) {
      return radix(2);
    }
    String intPart = digits();
    boolean isFloat = false;
    String fraction = "";
    if (peek('.')) {
      pos++;
      isFloat = true;
      fraction = digits();
    }
    String exponent = "";
    if (pos < text.length() && (text.charAt(pos) == 'e' || text.charAt(pos) == 'E')) {
      pos++;
      String sign = "";
      if (peek('+') || peek('-')) {
        sign = String.valueOf(text.charAt(pos++));
      }
      String exp = digits();
      if (exp.isEmpty()) {
        throw new NotLiteral();
      }
      exponent = "e" + sign + exp;
      isFloat = true;
    }
    if (intPart.isEmpty() && fraction.isEmpty()) {
      throw new NotLiteral();
    }
    if (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_')) {
      throw new NotLiteral(); // 1j (complex), 1abc, 5L
    }
    if (isFloat) {
      return Double.parseDouble((intPart.isEmpty() ? "0" : intPart) + "." + fraction + exponent);
    }
    if (intPart.length() > 1 && intPart.chars().anyMatch(ch -> ch != '0') && intPart.charAt(0) == '0') {
      throw new NotLiteral(); // leading zeros are a syntax error in Python 3
    }
    if (start == pos) {
      throw new NotLiteral();
    }
    return normalise(new BigInteger(intPart));
  }

  private Object radix(int radix) {
    pos += 2;
    int start = pos;
    while (pos < text.length() && (Character.digit(text.charAt(pos), radix) >= 0 || text.charAt(pos) == '_')) {
      pos++;
    }
    String digits = text.substring(start, pos);
    if (digits.isEmpty() || digits.startsWith("_") || digits.endsWith("_") || digits.contains("__")) {
      throw new NotLiteral();
    }
    if (pos < text.length() && Character.isLetterOrDigit(text.charAt(pos))) {
      throw new NotLiteral();
    }
    return normalise(new BigInteger(digits.replace("_", ""), radix));
  }

  /** Decimal digits with Python's single underscores between them. */
  private String digits() {
    int start = pos;
    while (pos < text.length() && (Character.isDigit(text.charAt(pos)) || text.charAt(pos) == '_')) {
      pos++;
    }
    String raw = text.substring(start, pos);
    if (raw.startsWith("_") || raw.endsWith("_") || raw.contains("__")) {
      throw new NotLiteral();
    }
    return raw.replace("_", "");
  }

  private static Object normalise(BigInteger value) {
    return value.bitLength() < 64 ? (Object) value.longValue() : value;
  }

  private String name() {
    int start = pos;
    while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_')) {
      pos++;
    }
    if (start == pos) {
      throw new NotLiteral();
    }
    return text.substring(start, pos);
  }

  private boolean peek(char c) {
    return pos < text.length() && text.charAt(pos) == c;
  }

  private void skipSpace() {
    while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
      pos++;
    }
  }

  /** Not a Python literal (the caller keeps the text). */
  private static final class NotLiteral extends RuntimeException {
    private static final long serialVersionUID = 1L;

    NotLiteral() {
      super(null, null, false, false);
    }
  }
}
