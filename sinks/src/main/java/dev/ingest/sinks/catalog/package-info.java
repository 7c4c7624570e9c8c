/**
 * Destinations: where a pipeline's tables live ({@link dev.ingest.sinks.catalog.DestinationConfig}) and how their
 * Iceberg catalogs are opened, on the client and inside tasks, with credentials read from named secrets only when a
 * catalog is opened, so no secret value is in the job graph. Also the destination probe and the move of tables
 * that older versions registered under another catalog name.
 */
package dev.ingest.sinks.catalog;
