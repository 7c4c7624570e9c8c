package dev.ingest.tools.chaos;

import dev.ingest.sources.fetch.EndpointException;
import dev.ingest.sources.fetch.FetchTarget;
import dev.ingest.sources.fetch.Page;
import dev.ingest.sources.fetch.PageCursor;
import dev.ingest.sources.fetch.PageFetcher;
import dev.ingest.sources.fetch.PageFetcherFactory;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Chaos: wraps a pipeline's fetchers and throws a task failure (not an endpoint error) once, at the
 * {@code failAtPage}-th page fetched by the job's task managers for {@code endpoint}. The failure happens once per
 * {@code marker} file: the file is created atomically when it fires, so the restarted job runs clean. Flink
 * restarts the job from its latest checkpoint (or from the start when none completed yet); the tables must still
 * hold every record exactly once.
 */
public final class FailOncePageFetchers implements PageFetcherFactory {
  private static final long serialVersionUID = 1L;

  private final PageFetcherFactory delegate;
  private final String endpoint;
  private final int failAtPage;
  private final OnceMarker marker;

  public FailOncePageFetchers(PageFetcherFactory delegate, String endpoint, int failAtPage, Path marker) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
    this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
    this.failAtPage = failAtPage;
    this.marker = new OnceMarker(marker);
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
      private int pages;

      @Override
      public Page fetch(PageCursor cursor) throws EndpointException, InterruptedException {
        if (++pages >= failAtPage && marker.fire(endpoint + " page " + pages)) {
          throw new IllegalStateException("chaos: injected task failure in " + endpoint + " at page " + pages);
        }
        return fetcher.fetch(cursor);
      }

      @Override
      public void close() {
        fetcher.close();
      }
    };
  }

  /** Whether the failure was injected. */
  public static boolean fired(Path marker) {
    return OnceMarker.fired(marker);
  }
}
