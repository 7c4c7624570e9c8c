/**
 * Reading landed tables back with Iceberg's own reader: {@link dev.ingest.sinks.read.LiveRows} counts a table's
 * live rows with its delete files applied (what an upsert table really holds). Depends on no other sinks package.
 */
package dev.ingest.sinks.read;
