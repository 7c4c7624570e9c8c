package dev.ingest.sandbox;

import com.sun.net.httpserver.HttpExchange;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/** A complete response (status, headers, body bytes) and how it goes on the wire, optionally gzip-compressed. */
final class SandboxResponse {
  private static final int GZIP_MIN_BYTES = 1024;

  private final int status;
  private final String contentType;
  private final byte[] body;
  private final Map<String, String> headers = new LinkedHashMap<>();

  private SandboxResponse(int status, String contentType, byte[] body) {
    this.status = status;
    this.contentType = contentType;
    this.body = body;
  }

  static SandboxResponse json(int status, byte[] body) {
    return new SandboxResponse(status, "application/json; charset=utf-8", body);
  }

  /** The HTML error page a reverse proxy sends, e.g. for a 502. */
  static SandboxResponse htmlError(int status) {
    String title = status + " " + reason(status);
    String html = "<html>\r\n<head><title>" + title + "</title></head>\r\n<body>\r\n<center><h1>" + title
        + "</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n";
    return new SandboxResponse(status, "text/html", html.getBytes(StandardCharsets.UTF_8));
  }

  /** The standard reason phrase of {@code status}. */
  static String reason(int status) {
    return switch (status) {
      case 400 -> "Bad Request";
      case 401 -> "Unauthorized";
      case 403 -> "Forbidden";
      case 404 -> "Not Found";
      case 405 -> "Method Not Allowed";
      case 409 -> "Conflict";
      case 422 -> "Unprocessable Entity";
      case 429 -> "Too Many Requests";
      case 500 -> "Internal Server Error";
      case 502 -> "Bad Gateway";
      case 503 -> "Service Unavailable";
      case 504 -> "Gateway Timeout";
      default -> status < 500 ? "Client Error" : "Server Error";
    };
  }

  SandboxResponse header(String name, String value) {
    headers.put(name, value);
    return this;
  }

  int status() {
    return status;
  }

  /** The same response with only the first half of the body (and a matching Content-Length). */
  SandboxResponse truncated() {
    SandboxResponse half = new SandboxResponse(status, contentType, Arrays.copyOf(body, body.length / 2));
    half.headers.putAll(headers);
    return half;
  }

  void send(HttpExchange exchange, boolean acceptsGzip) throws IOException {
    byte[] payload = body;
    headers.forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
    exchange.getResponseHeaders().set("Content-Type", contentType);
    if (acceptsGzip && body.length >= GZIP_MIN_BYTES) {
      payload = gzip(body);
      exchange.getResponseHeaders().set("Content-Encoding", "gzip");
      exchange.getResponseHeaders().set("Vary", "Accept-Encoding");
    }
    exchange.sendResponseHeaders(status, payload.length == 0 ? -1 : payload.length);
    if (payload.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(payload);
      }
    }
  }

  private static byte[] gzip(byte[] bytes) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length / 4 + 64);
    try (GZIPOutputStream zip = new FastGzip(out)) {
      zip.write(bytes);
    }
    return out.toByteArray();
  }

  /** gzip at the fastest level: the sandbox must not be the bottleneck of a benchmark. */
  private static final class FastGzip extends GZIPOutputStream {
    FastGzip(OutputStream out) throws IOException {
      super(out);
      def.setLevel(Deflater.BEST_SPEED);
    }
  }
}
