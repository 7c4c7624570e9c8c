package dev.ingest.tools.bench;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.zip.GZIPInputStream;

/**
 * The ceiling loop's HTTP client: one keep-alive HTTP/1.1 connection, blocking, on the caller's thread (no
 * selector or pool threads), bodies read into one reused buffer. Enough HTTP for {@link PageServer}'s responses
 * (a status line, headers, a {@code Content-Length} body, optionally gzipped); every read is bounded by a socket
 * timeout.
 */
final class KeepAliveClient implements AutoCloseable {
  private static final int TIMEOUT_MS = 30_000;

  private final String hostHeader;
  private final String authorization;
  private final boolean acceptGzip;
  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;
  private byte[] wire = new byte[256 * 1024];
  private byte[] body = new byte[256 * 1024];
  private int bodyLength;
  private int wireLength;

  KeepAliveClient(String baseUrl, String token, boolean acceptGzip) throws IOException {
    URI uri = URI.create(baseUrl);
    this.hostHeader = uri.getHost() + ":" + uri.getPort();
    this.authorization = "Bearer " + token;
    this.acceptGzip = acceptGzip;
    this.socket = new Socket(uri.getHost(), uri.getPort());
    socket.setTcpNoDelay(true);
    socket.setSoTimeout(TIMEOUT_MS);
    this.in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
    this.out = socket.getOutputStream();
  }

  /** GETs {@code pathAndQuery}; the decoded body is then {@link #body()} up to {@link #bodyLength()}. */
  void get(String pathAndQuery) throws IOException {
    String request = "GET " + pathAndQuery + " HTTP/1.1\r\nHost: " + hostHeader + "\r\nAuthorization: "
        + authorization + "\r\nAccept: application/json\r\n" + (acceptGzip ? "Accept-Encoding: gzip\r\n" : "")
        + "\r\n";
    out.write(request.getBytes(StandardCharsets.ISO_8859_1));
    out.flush();
    String status = line();
    if (!status.startsWith("HTTP/1.1 200")) {
      throw new IOException("GET " + pathAndQuery + ": " + status);
    }
    int contentLength = -1;
    boolean gzip = false;
    for (String header = line(); !header.isEmpty(); header = line()) {
      int colon = header.indexOf(':');
      String name = colon < 0 ? header : header.substring(0, colon).trim().toLowerCase(Locale.ROOT);
      String value = colon < 0 ? "" : header.substring(colon + 1).trim();
      if ("content-length".equals(name)) {
        contentLength = Integer.parseInt(value);
      } else if ("content-encoding".equals(name)) {
        gzip = "gzip".equalsIgnoreCase(value);
      }
    }
    if (contentLength < 0) {
      throw new IOException("GET " + pathAndQuery + ": response without Content-Length");
    }
    if (wire.length < contentLength) {
      wire = new byte[Math.max(contentLength, wire.length * 2)];
    }
    int n = in.readNBytes(wire, 0, contentLength);
    if (n != contentLength) {
      throw new IOException("GET " + pathAndQuery + ": body ends after " + n + " of " + contentLength + " bytes");
    }
    wireLength = contentLength;
    if (gzip) {
      bodyLength = 0;
      try (InputStream unzip = new GZIPInputStream(new ByteArrayInputStream(wire, 0, contentLength), 64 * 1024)) {
        for (int r; (r = unzip.read(body, bodyLength, body.length - bodyLength)) >= 0; ) {
          bodyLength += r;
          if (bodyLength == body.length) {
            body = Arrays.copyOf(body, body.length * 2);
          }
        }
      }
    } else {
      body = wire;
      bodyLength = contentLength;
    }
  }

  byte[] body() {
    return body;
  }

  int bodyLength() {
    return bodyLength;
  }

  /** Bytes of the last response body on the wire (compressed when gzipped). */
  int wireLength() {
    return wireLength;
  }

  private String line() throws IOException {
    StringBuilder line = new StringBuilder(64);
    for (int b = in.read(); b != '\n'; b = in.read()) {
      if (b < 0) {
        throw new IOException("connection closed inside a response header");
      }
      if (b != '\r') {
        line.append((char) b);
      }
      if (line.length() > 16 * 1024) {
        throw new IOException("response header line longer than 16 KB");
      }
    }
    return line.toString();
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
