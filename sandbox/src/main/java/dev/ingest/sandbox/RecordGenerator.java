package dev.ingest.sandbox;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.time.Instant;

/**
 * Generates the records of one sandbox resource. A record is a pure function of its zero-based index: the same
 * index always yields byte-identical JSON, and no dataset is ever held in memory.
 */
interface RecordGenerator {
  /** The resource name, e.g. {@code tickets}. */
  String resource();

  /** Records served when the builder does not set a size. */
  int defaultSize();

  /** The record's {@code updated_at}; must strictly increase with {@code index}. */
  Instant updatedAt(int index);

  /** Writes record {@code index} as one JSON object. */
  void write(JsonGenerator json, int index) throws IOException;
}
