/**
 * JSON of response bodies and records: parsing and writing with exact numbers
 * ({@link dev.ingest.sources.records.JsonBodies}), dotted paths ({@link dev.ingest.sources.records.JsonPath}) and
 * picking the records out of a body ({@link dev.ingest.sources.records.RecordSelector}).
 */
package dev.ingest.sources.records;
