package dev.ingest.sandbox;

import java.time.Instant;
import java.util.Optional;

/**
 * The records a request can see: indexes {@code [from, to)} of a resource after its {@code updated_since}
 * filter. Because {@code updated_at} strictly increases with the index, the filter is a suffix found by binary
 * search, never a scan.
 */
record RecordWindow(int from, int to) {
  static RecordWindow of(RecordGenerator generator, int size, Optional<Instant> since) {
    if (since.isEmpty()) {
      return new RecordWindow(0, size);
    }
    int low = 0;
    int high = size;
    while (low < high) {
      int mid = (low + high) >>> 1;
      if (generator.updatedAt(mid).isBefore(since.get())) {
        low = mid + 1;
      } else {
        high = mid;
      }
    }
    return new RecordWindow(low, size);
  }

  int count() {
    return to - from;
  }
}
