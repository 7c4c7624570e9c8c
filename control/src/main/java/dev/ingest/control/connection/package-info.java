/**
 * Testing a connection before a pipeline exists (the dashboard wizard's Test connection step,
 * {@code POST /api/connections/test}): one first-page fetch per endpoint through the runtime a run uses, bounded in
 * time, with the first record redacted for display.
 */
package dev.ingest.control.connection;
