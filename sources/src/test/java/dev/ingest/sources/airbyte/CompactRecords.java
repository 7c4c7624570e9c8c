package dev.ingest.sources.airbyte;

import dev.ingest.sources.records.JsonBodies;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/** Records as compact JSON, for comparing: pages pass records on as the API sent them (whitespace included). */
final class CompactRecords {
  private CompactRecords() {}

  static List<String> compact(List<String> records) {
    return records.stream().map(r -> {
      try {
        return JsonBodies.mapper().readTree(r).toString();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }).toList();
  }
}
