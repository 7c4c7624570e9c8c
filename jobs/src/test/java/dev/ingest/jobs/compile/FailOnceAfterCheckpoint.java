package dev.ingest.jobs.compile;

import dev.ingest.sources.fetch.EndpointException;
import dev.ingest.sources.fetch.FetchTarget;
import dev.ingest.sources.fetch.Page;
import dev.ingest.sources.fetch.PageCursor;
import dev.ingest.sources.fetch.PageFetcher;
import dev.ingest.sources.fetch.PageFetcherFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * Wraps a real fetcher factory and makes one fetch of one endpoint throw a task failure — once, and only after
 * the job has completed at least one checkpoint (a {@code chk-N/_metadata} exists) and the endpoint has fetched
 * {@code afterPages} pages. Flink then restarts the job from that checkpoint.
 */
public final class FailOnceAfterCheckpoint implements PageFetcherFactory {
  private static final Map<String, AtomicBoolean> FIRED = new ConcurrentHashMap<>();
  private static final Map<String, AtomicInteger> PAGES = new ConcurrentHashMap<>();

  private final PageFetcherFactory delegate;
  private final String checkpointDir;
  private final String endpoint;
  private final int afterPages;
  private final String key;

  public FailOnceAfterCheckpoint(PageFetcherFactory delegate, Path checkpointDir, String endpoint, int afterPages) {
    this.delegate = delegate;
    this.checkpointDir = checkpointDir.toString();
    this.endpoint = endpoint;
    this.afterPages = afterPages;
    this.key = checkpointDir + "#" + endpoint;
    FIRED.put(key, new AtomicBoolean());
    PAGES.put(key, new AtomicInteger());
  }

  public boolean fired() {
    return FIRED.get(key).get();
  }

  @Override
  public boolean hasParent(String endpoint) {
    return delegate.hasParent(endpoint);
  }

  @Override
  public java.util.OptionalInt parentPageLimit(String endpoint) {
    return delegate.parentPageLimit(endpoint);
  }

  @Override
  public PageFetcher open(FetchTarget target) throws EndpointException {
    PageFetcher fetcher = delegate.open(target);
    if (!target.endpoint().equals(endpoint)) {
      return fetcher;
    }
    return new PageFetcher() {
      @Override
      public Page fetch(PageCursor cursor) throws EndpointException, InterruptedException {
        if (PAGES.get(key).incrementAndGet() > afterPages && checkpointCompleted()
            && FIRED.get(key).compareAndSet(false, true)) {
          throw new IllegalStateException("injected task failure at " + endpoint + " cursor " + cursor.encode());
        }
        return fetcher.fetch(cursor);
      }

      @Override
      public void close() {
        fetcher.close();
      }
    };
  }

  private boolean checkpointCompleted() {
    try (Stream<Path> files = Files.walk(Path.of(checkpointDir))) {
      return files.anyMatch(p -> p.getFileName().toString().equals("_metadata"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
