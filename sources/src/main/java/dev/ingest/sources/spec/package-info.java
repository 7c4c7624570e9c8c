/**
 * Connector definitions: YAML parsed defensively and validated into immutable, serializable specs
 * ({@link dev.ingest.sources.spec.ConnectorSpec}, endpoints, auth, paging, incremental, rate limit), every problem
 * reported at once by its dotted field path; the bundled catalog and the generated connector reference pages.
 */
package dev.ingest.sources.spec;
