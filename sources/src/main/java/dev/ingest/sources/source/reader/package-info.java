/**
 * The source reader on the task managers: the split reader that fetches pages through a
 * {@code PageFetcherFactory}, the record emitter that turns them into events and endpoint run summaries, and the
 * reader that reports finished splits to the enumerator.
 */
package dev.ingest.sources.source.reader;
