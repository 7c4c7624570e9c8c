package dev.ingest.sources.http;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** RFC 3986 percent-encoding of query components and path segments (spaces as {@code %20}, never {@code +}). */
public final class UrlCodec {
  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private UrlCodec() {}

  /** Encodes a query parameter name or value: everything but unreserved characters is escaped. */
  public static String encodeQueryComponent(String s) {
    return encode(s, "-._~");
  }

  /** Encodes one path segment (a value inserted into a path template): {@code /} is escaped too. */
  public static String encodePathSegment(String s) {
    return encode(s, "-._~!$&'()*+,;=:@");
  }

  private static String encode(String s, String safe) {
    StringBuilder out = null;
    byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i < bytes.length; i++) {
      int b = bytes[i] & 0xFF;
      boolean plain = b < 0x80 && (Character.isLetterOrDigit(b) || safe.indexOf(b) >= 0);
      if (plain && out == null) {
        continue;
      }
      if (out == null) {
        out = new StringBuilder(bytes.length + 16);
        out.append(new String(bytes, 0, i, StandardCharsets.UTF_8));
      }
      if (plain) {
        out.append((char) b);
      } else {
        out.append('%').append(HEX[b >> 4]).append(HEX[b & 0xF]);
      }
    }
    return out == null ? s : out.toString();
  }

  /** Decodes percent-escapes ({@code +} is kept as is). Malformed escapes are kept literally. */
  public static String decode(String s) {
    if (s.indexOf('%') < 0) {
      return s;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
    int i = 0;
    while (i < s.length()) {
      char c = s.charAt(i);
      if (c == '%' && i + 2 < s.length()
          && Character.digit(s.charAt(i + 1), 16) >= 0 && Character.digit(s.charAt(i + 2), 16) >= 0) {
        out.write(Character.digit(s.charAt(i + 1), 16) * 16 + Character.digit(s.charAt(i + 2), 16));
        i += 3;
      } else {
        int cp = s.codePointAt(i);
        out.writeBytes(new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8));
        i += Character.charCount(cp);
      }
    }
    return out.toString(StandardCharsets.UTF_8);
  }
}
