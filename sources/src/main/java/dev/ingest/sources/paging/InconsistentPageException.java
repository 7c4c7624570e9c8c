package dev.ingest.sources.paging;

/**
 * A page contradicts itself: no records although the body says more follow ({@code has_more: true}) or the
 * declared total was not reached. Usually transient (a replica lagging behind); the runtime refetches the page a
 * few times before failing the endpoint, and never ends the result set early because of it.
 */
public final class InconsistentPageException extends IllegalArgumentException {
  public InconsistentPageException(String message) {
    super(message);
  }
}
