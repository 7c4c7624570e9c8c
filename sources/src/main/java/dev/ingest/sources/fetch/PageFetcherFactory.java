package dev.ingest.sources.fetch;

import java.io.Serializable;
import java.util.OptionalInt;

/**
 * Opens {@link PageFetcher}s on the task managers. Serializable because it travels in the Flink job graph: it
 * holds connector definitions, pipeline config and a secret <em>reference</em>; secrets are resolved in
 * {@link #open}, never before.
 */
public interface PageFetcherFactory extends Serializable {

  /**
   * Opens a fetcher for one endpoint of one run.
   *
   * @throws EndpointException when the endpoint cannot be opened (unknown endpoint, secret missing)
   */
  PageFetcher open(FetchTarget target) throws EndpointException;

  /**
   * True when {@code endpoint} iterates over the records of a parent endpoint, so the source fans it out: one
   * split reads the parent's pages ({@link FetchTarget.Scope#PARENTS}), one split per parent record reads its
   * children ({@link FetchTarget.Scope#ONE_PARENT}). Decorating factories must delegate this.
   */
  default boolean hasParent(String endpoint) {
    return false;
  }

  /**
   * For an endpoint with a parent: the most parent pages one run of it may walk (the parent's
   * {@code paging.max_pages}). The source walks a parent one page per split, so it keeps this cap across the
   * splits; empty means no cap (a parent that has a parent itself: each of its walks has its own cap). Decorating
   * factories must delegate this.
   */
  default OptionalInt parentPageLimit(String endpoint) {
    return OptionalInt.empty();
  }
}
