package dev.ingest.sources.http;

import java.io.IOException;

/**
 * Sends one request and reads the whole response. No retries, no classification: a transport reports what
 * happened on the wire (a response of any status, or an {@link IOException} for timeouts, resets, truncation).
 * Implementations are thread-safe.
 */
public interface HttpTransport extends AutoCloseable {

  /**
   * Sends {@code request}.
   *
   * @throws IOException on connection failures, timeouts, resets, or a body that cannot be read or decoded
   * @throws InterruptedException when the calling thread is interrupted
   */
  ApiResponse send(ApiRequest request) throws IOException, InterruptedException;

  @Override
  default void close() {}
}
