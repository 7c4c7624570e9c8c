package dev.ingest.sources.http;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * One HTTP response: status, headers (case-insensitive), the body (already un-gzipped) and how many bytes
 * travelled on the wire.
 */
public final class ApiResponse {
  private final int status;
  private final Headers headers;
  private final byte[] body;
  private final long wireBytes;

  public ApiResponse(int status, Headers headers, byte[] body, long wireBytes) {
    this.status = status;
    this.headers = Objects.requireNonNull(headers, "headers");
    this.body = Objects.requireNonNull(body, "body");
    this.wireBytes = wireBytes;
  }

  /** A response whose wire size is its body size. */
  public static ApiResponse of(int status, Headers headers, byte[] body) {
    return new ApiResponse(status, headers, body, body.length);
  }

  public int status() {
    return status;
  }

  public Headers headers() {
    return headers;
  }

  /** The decoded body; do not modify. */
  public byte[] body() {
    return body;
  }

  /** The body as UTF-8 text. */
  public String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
  }

  /** Body bytes read from the network (compressed size when gzip was used). */
  public long wireBytes() {
    return wireBytes;
  }

  /** True for 2xx. */
  public boolean isSuccess() {
    return status >= 200 && status < 300;
  }

  /** Status and sizes; never the body, which may echo a credential. */
  @Override
  public String toString() {
    return "ApiResponse{status=" + status + ", bytes=" + body.length + ", wireBytes=" + wireBytes + "}";
  }
}
