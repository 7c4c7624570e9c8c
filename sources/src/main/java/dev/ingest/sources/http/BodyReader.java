package dev.ingest.sources.http;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.zip.GZIPInputStream;
import org.apache.hc.core5.http.ConnectionClosedException;
import org.apache.hc.core5.http.TruncatedChunkException;

/**
 * Reads a response body into memory as it came over the connection (after de-chunking, before content decoding,
 * so its length is the wire size) and decodes {@code gzip}. A body that ends before its framing says is an
 * {@link EOFException} naming how much arrived; the size limits keep a hostile server from exhausting memory.
 */
final class BodyReader {
  /** Largest response body read into memory, on the wire and decoded. */
  static final long MAX_BODY = 512L * 1024 * 1024;

  private BodyReader() {}

  /**
   * The entity bytes of {@code in}.
   *
   * @param contentLength the declared {@code Content-Length}, if any
   * @param chunked whether the body is chunked
   */
  static byte[] read(InputStream in, OptionalLong contentLength, boolean chunked) throws IOException {
    if (contentLength.isPresent() && contentLength.getAsLong() > MAX_BODY) {
      throw new IOException("response body larger than " + MAX_BODY + " bytes (Content-Length "
          + contentLength.getAsLong() + ")");
    }
    ByteArrayOutputStream body = new ByteArrayOutputStream(
        (int) Math.min(contentLength.orElse(8192), 1 << 20));
    byte[] buffer = new byte[16 * 1024];
    try {
      for (int n; (n = in.read(buffer)) >= 0; ) {
        if (body.size() + (long) n > MAX_BODY) {
          throw new IOException("response body larger than " + MAX_BODY + " bytes");
        }
        body.write(buffer, 0, n);
      }
    } catch (ConnectionClosedException | TruncatedChunkException e) {
      EOFException truncated = new EOFException(chunked
          ? "chunked response body ended after " + body.size() + " bytes, before its last chunk"
          : "response body ended after " + body.size() + " of " + contentLength.orElse(-1)
              + " bytes (Content-Length)");
      truncated.initCause(e);
      throw truncated;
    }
    return body.toByteArray();
  }

  /** True when {@code headers} say the body is gzip-encoded. */
  static boolean isGzip(Headers headers) {
    return headers.first("Content-Encoding")
        .map(v -> v.trim().toLowerCase(Locale.ROOT))
        .filter(v -> v.equals("gzip") || v.equals("x-gzip"))
        .isPresent();
  }

  /** The decoded body, at most {@link #MAX_BODY} bytes (a small gzip body can decode to gigabytes). */
  static byte[] gunzip(byte[] wire) throws IOException {
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(wire))) {
      byte[] body = in.readNBytes((int) MAX_BODY + 1);
      if (body.length > MAX_BODY) {
        throw new IOException("gzip response body decodes to more than " + MAX_BODY + " bytes");
      }
      return body;
    } catch (EOFException e) {
      throw new IOException("truncated gzip body", e);
    }
  }
}
