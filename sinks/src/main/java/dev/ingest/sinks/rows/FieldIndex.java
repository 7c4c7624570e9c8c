package dev.ingest.sinks.rows;

import java.util.HashMap;
import java.util.Map;

/**
 * Position of a field name among a fixed list of names. Records usually list their fields in the schema's order,
 * so the name after the previous match is tried first (Jackson hands out canonical name instances, so that check
 * is mostly an identity comparison) before the hash lookup. Immutable.
 */
final class FieldIndex {

  private final String[] names;
  private final Map<String, Integer> positions;

  FieldIndex(String[] names) {
    this.names = names;
    this.positions = new HashMap<>(names.length * 2);
    for (int i = 0; i < names.length; i++) {
      positions.put(names[i], i);
    }
  }

  /** The position of {@code name}, or -1; {@code expected} is the position guessed (the previous match + 1). */
  int find(String name, int expected) {
    if (expected >= 0 && expected < names.length && names[expected].equals(name)) {
      return expected;
    }
    Integer pos = positions.get(name);
    return pos == null ? -1 : pos;
  }
}
