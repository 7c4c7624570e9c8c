/**
 * ISO-8601 dates and timestamps, parsed the same way by the row converter and by schema inference.
 */
package dev.ingest.sinks.time;
