package dev.ingest.sandbox;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Remembers requests answered with {@link Fault#reset()} for a short while, so the silent replay the JDK
 * {@code HttpClient} makes after a connection closed before any response byte is reset too; otherwise a
 * one-shot reset would never reach the code under test.
 */
final class ResetReplays {
  private static final long WINDOW_NANOS = TimeUnit.SECONDS.toNanos(1);

  private final Map<String, Long> armed = new ConcurrentHashMap<>();

  /** Expects one replay of the request identified by {@code key}. */
  void arm(String key) {
    armed.put(key, System.nanoTime() + WINDOW_NANOS);
  }

  /** True (once) when {@code key} is the replay of a recently reset request. */
  boolean consume(String key) {
    if (armed.isEmpty()) {
      return false;
    }
    Long deadline = armed.remove(key);
    return deadline != null && System.nanoTime() - deadline < 0;
  }
}
