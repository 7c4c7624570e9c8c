/**
 * Write modes and their only owner: {@link dev.ingest.sinks.write.WriteMode} (append, upsert, full refresh), the
 * table layout each needs ({@link dev.ingest.sinks.write.TableLayout}, {@link dev.ingest.sinks.write.Partitioning})
 * and the Iceberg sink that writes a stream as its mode says ({@link dev.ingest.sinks.write.IcebergSinks}, a builder
 * in the style of Iceberg's {@code FlinkSink.Builder}).
 */
package dev.ingest.sinks.write;
