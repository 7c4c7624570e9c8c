package dev.ingest.sandbox;

import java.time.Instant;

/**
 * Deterministic pseudo-random building blocks for the record generators: a stateless hash of (salt, index),
 * word picking, and the shared timeline. Everything is a pure function of its arguments, so any record can be
 * generated on its own, in any order, on any thread.
 *
 * <p>Timeline: record {@code i} is created in second {@code [10i, 10i+4]} and updated in {@code [10i+5, 10i+9]}
 * after {@link #EPOCH}, so {@code updated_at} strictly increases with the index (10,000,000 records span about
 * three years).
 */
final class Synth {
  /** 2020-01-01T00:00:00Z: the creation time of the first record of every resource. */
  static final Instant EPOCH = Instant.parse("2020-01-01T00:00:00Z");

  private static final long SECONDS_PER_RECORD = 10;

  private Synth() {}

  /** A well-mixed 64-bit hash of (salt, index) (SplitMix64 finaliser). */
  static long hash(long salt, long index) {
    long z = salt * 0x9E3779B97F4A7C15L + index * 0xBF58476D1CE4E5B9L + 0x94D049BB133111EBL;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** A value in {@code [0, bound)} drawn from {@code hash} and a per-use {@code slot}. */
  static int pick(long hash, int slot, int bound) {
    return (int) ((hash(hash, slot) >>> 1) % bound);
  }

  /** One element of {@code words} chosen by {@code hash} and {@code slot}. */
  static String pick(long hash, int slot, String[] words) {
    return words[pick(hash, slot, words.length)];
  }

  /** True with probability {@code percent}/100. */
  static boolean chance(long hash, int slot, int percent) {
    return pick(hash, slot, 100) < percent;
  }

  /** Creation time of record {@code index}, whole seconds. */
  static Instant createdAt(long hash, int index) {
    return EPOCH.plusSeconds(index * SECONDS_PER_RECORD + pick(hash, 101, 5));
  }

  /** Last update time of record {@code index}, whole seconds; strictly increasing with {@code index}. */
  static Instant updatedAt(long hash, int index) {
    return EPOCH.plusSeconds(index * SECONDS_PER_RECORD + 5 + pick(hash, 102, 5));
  }
}
