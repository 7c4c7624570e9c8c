package dev.ingest.sources.fetch;

import java.io.Closeable;

/**
 * Fetches the pages of one endpoint in one run. Implementations authenticate, rate limit, retry and classify;
 * callers see either a page or an {@link EndpointException}. Not thread-safe: one fetcher per split.
 *
 * <p>This is the whole surface the Flink source sees of the HTTP runtime, so source tests can script it.
 */
public interface PageFetcher extends Closeable {

  /**
   * Fetches the page at {@code cursor} ({@link PageCursor#first()} for the first page).
   *
   * @throws EndpointException when the endpoint cannot go on (auth, 4xx, retries exhausted, paging loop)
   * @throws InterruptedException when the fetching thread is interrupted while waiting (shutdown)
   */
  Page fetch(PageCursor cursor) throws EndpointException, InterruptedException;

  @Override
  default void close() {}
}
