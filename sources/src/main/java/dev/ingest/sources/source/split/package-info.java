/**
 * The source's split: {@link dev.ingest.sources.source.split.ApiSplit} (one endpoint of one run and how far it got,
 * exact to the record), its mutable state, and its versioned serializer.
 */
package dev.ingest.sources.source.split;
