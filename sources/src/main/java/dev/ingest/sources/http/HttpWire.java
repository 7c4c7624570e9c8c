package dev.ingest.sources.http;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads one HTTP/1.1 response from a connection's input: the status line, the header block and the body as the
 * message framing says (RFC 9112 section 6.3): none for HEAD, 1xx, 204 and 304; {@code Transfer-Encoding: chunked};
 * {@code Content-Length}; otherwise until the server closes the connection. A body that ends before its framing
 * says is an {@link EOFException} naming how much arrived; the input's read timeout (the idle timeout) and the
 * exchange deadline apply to every read. Limits keep a hostile server from exhausting memory.
 */
final class HttpWire {
  /** Longest status or header line. */
  static final int MAX_LINE = 16 * 1024;
  /** Most header lines in one response. */
  static final int MAX_HEADERS = 500;
  /** Largest response body read into memory. */
  static final long MAX_BODY = 512L * 1024 * 1024;

  private HttpWire() {}

  /**
   * A response as it came off the wire.
   *
   * @param entity the body after de-chunking, before any content decoding (gzip)
   * @param reusable true when the connection may carry another request (HTTP/1.1, no {@code Connection: close},
   *     body framed by length or chunks)
   */
  record Response(int status, Map<String, List<String>> headers, byte[] entity, boolean reusable) {}

  /** Reads the response to a request sent with {@code method}; skips interim (1xx) responses. */
  static Response read(InputStream in, String method) throws IOException {
    while (true) {
      String statusLine = line(in, true);
      String[] parts = statusLine.split(" ", 3);
      if (parts.length < 2 || !parts[0].startsWith("HTTP/1.") || parts[1].length() != 3) {
        throw new IOException("malformed HTTP status line: " + excerpt(statusLine));
      }
      int status;
      try {
        status = Integer.parseInt(parts[1]);
      } catch (NumberFormatException e) {
        throw new IOException("malformed HTTP status line: " + excerpt(statusLine), e);
      }
      Map<String, List<String>> headers = headers(in);
      if (status >= 100 && status < 200 && status != 101) {
        continue; // 100 Continue, 103 Early Hints: the final response follows
      }
      boolean http11 = parts[0].equals("HTTP/1.1");
      boolean close = tokens(headers, "connection").contains("close") || !http11;
      if (method.equalsIgnoreCase("HEAD") || status == 204 || status == 304 || status < 200) {
        return new Response(status, headers, new byte[0], !close);
      }
      List<String> coding = tokens(headers, "transfer-encoding");
      if (!coding.isEmpty()) {
        if (!coding.get(coding.size() - 1).equals("chunked")) {
          return new Response(status, headers, untilClose(in), false);
        }
        return new Response(status, headers, chunked(in), !close);
      }
      List<String> length = headers.getOrDefault("content-length", List.of());
      if (!length.isEmpty()) {
        return new Response(status, headers, exactly(in, contentLength(length)), !close);
      }
      return new Response(status, headers, untilClose(in), false);
    }
  }

  private static Map<String, List<String>> headers(InputStream in) throws IOException {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    for (int count = 0; ; count++) {
      String line = line(in, false);
      if (line.isEmpty()) {
        return headers;
      }
      if (count >= MAX_HEADERS) {
        throw new IOException("response has more than " + MAX_HEADERS + " header lines");
      }
      int colon = line.indexOf(':');
      if (colon <= 0) {
        throw new IOException("malformed HTTP header line: " + excerpt(line));
      }
      headers.computeIfAbsent(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
          .add(line.substring(colon + 1).trim());
    }
  }

  private static long contentLength(List<String> values) throws IOException {
    long length = -1;
    for (String value : values) {
      for (String part : value.split(",")) {
        long parsed;
        try {
          parsed = Long.parseLong(part.trim());
        } catch (NumberFormatException e) {
          throw new IOException("malformed Content-Length: " + excerpt(value), e);
        }
        if (parsed < 0 || (length >= 0 && parsed != length)) {
          throw new IOException("malformed Content-Length: " + excerpt(String.join(", ", values)));
        }
        length = parsed;
      }
    }
    return length;
  }

  private static byte[] exactly(InputStream in, long length) throws IOException {
    requireWithinLimit(length);
    byte[] body = new byte[(int) length];
    int read = 0;
    while (read < length) {
      int n = in.read(body, read, (int) length - read);
      if (n < 0) {
        throw new EOFException("response body ended after " + read + " of " + length + " bytes (Content-Length)");
      }
      read += n;
    }
    return body;
  }

  private static byte[] chunked(InputStream in) throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    while (true) {
      String sizeLine = line(in, false);
      int semicolon = sizeLine.indexOf(';');
      String hex = (semicolon >= 0 ? sizeLine.substring(0, semicolon) : sizeLine).trim();
      long size;
      try {
        size = Long.parseLong(hex, 16);
      } catch (NumberFormatException e) {
        throw new IOException("malformed chunk size: " + excerpt(sizeLine), e);
      }
      if (size < 0) {
        throw new IOException("malformed chunk size: " + excerpt(sizeLine));
      }
      if (size == 0) {
        headers(in); // trailers, ignored
        return body.toByteArray();
      }
      requireWithinLimit(body.size() + size);
      try {
        body.write(exactly(in, size));
      } catch (EOFException e) {
        throw new EOFException("chunked response body ended inside a chunk after " + body.size() + " bytes");
      }
      if (!line(in, false).isEmpty()) {
        throw new IOException("malformed chunked body: no CRLF after a chunk");
      }
    }
  }

  private static byte[] untilClose(InputStream in) throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    byte[] buffer = new byte[16 * 1024];
    for (int n; (n = in.read(buffer)) >= 0; ) {
      requireWithinLimit(body.size() + (long) n);
      body.write(buffer, 0, n);
    }
    return body.toByteArray();
  }

  private static void requireWithinLimit(long size) throws IOException {
    if (size > MAX_BODY) {
      throw new IOException("response body larger than " + MAX_BODY + " bytes");
    }
  }

  /** One CRLF- (or LF-) terminated line, ISO-8859-1; {@code first}: EOF before any byte is "no response". */
  private static String line(InputStream in, boolean first) throws IOException {
    StringBuilder line = new StringBuilder();
    while (true) {
      int b = in.read();
      if (b < 0) {
        throw new EOFException(first && line.length() == 0 ? "connection closed before any response byte"
            : "connection closed inside the response head");
      }
      if (b == '\n') {
        int end = line.length();
        return end > 0 && line.charAt(end - 1) == '\r' ? line.substring(0, end - 1) : line.toString();
      }
      if (line.length() >= MAX_LINE) {
        throw new IOException("response head line longer than " + MAX_LINE + " bytes");
      }
      line.append((char) b);
    }
  }

  private static List<String> tokens(Map<String, List<String>> headers, String name) {
    List<String> tokens = new ArrayList<>();
    for (String value : headers.getOrDefault(name, List.of())) {
      for (String token : value.split(",")) {
        if (!token.isBlank()) {
          tokens.add(token.trim().toLowerCase(Locale.ROOT));
        }
      }
    }
    return tokens;
  }

  private static String excerpt(String text) {
    String clean = text.replaceAll("\\p{Cntrl}", "?");
    return clean.length() <= 80 ? clean : clean.substring(0, 79) + "…";
  }
}
