/**
 * Paging styles as pure functions ({@link dev.ingest.sources.paging.Paginator}, built by
 * {@link dev.ingest.sources.paging.Paginators} from a {@code PagingSpec}): one class per style (Link header, body
 * cursor, next URL, offset, page number, GraphQL cursor, none) that builds the request of a page and reads the cursor
 * of the next one from a response, with the {@code StopRules} that end a result set. No I/O.
 */
package dev.ingest.sources.paging;
