package dev.ingest.sources.airbyte.interpolation;

import java.time.Clock;
import java.time.Instant;

/**
 * The bounds and the clock of the evaluation running on this thread: Jinjava calls macros as static methods and node
 * hooks without a handle on the caller, so {@link Interpolator} opens a scope around each evaluation. The node
 * budget and the deadline stop templates that loop without printing (the output size limit bounds the rest).
 */
final class EvaluationScope implements AutoCloseable {

  private static final ThreadLocal<EvaluationScope> CURRENT = new ThreadLocal<>();

  private final Clock clock;
  private final long deadlineNanos;
  private final int maxNodes;
  private final EvaluationScope outer;
  private int nodes;
  private String failure;

  private EvaluationScope(Clock clock, long timeoutNanos, int maxNodes) {
    this.clock = clock;
    this.deadlineNanos = System.nanoTime() + timeoutNanos;
    this.maxNodes = maxNodes;
    this.outer = CURRENT.get();
  }

  static EvaluationScope open(Clock clock, long timeoutNanos, int maxNodes) {
    EvaluationScope scope = new EvaluationScope(clock, timeoutNanos, maxNodes);
    CURRENT.set(scope);
    return scope;
  }

  /** The clock of the current evaluation (the system UTC clock outside one). */
  static Instant now() {
    EvaluationScope scope = CURRENT.get();
    return scope == null ? Instant.now() : scope.clock.instant();
  }

  /** Counts one rendered template node; fails past the node budget or the deadline. */
  static void step() {
    EvaluationScope scope = CURRENT.get();
    if (scope == null) {
      return;
    }
    if (++scope.nodes > scope.maxNodes) {
      throw fail("template renders more than " + scope.maxNodes + " nodes");
    }
    if (System.nanoTime() - scope.deadlineNanos > 0) {
      throw fail("template evaluation took longer than its time limit");
    }
  }

  /**
   * Records why the evaluation fails (the first reason wins) and returns the exception to throw: Jinjava turns
   * exceptions into template errors with its own wording, so the scope keeps ours.
   */
  static RuntimeException fail(String reason) {
    EvaluationScope scope = CURRENT.get();
    if (scope != null && scope.failure == null) {
      scope.failure = reason;
    }
    return new IllegalStateException(reason);
  }

  /** The recorded failure, or null. */
  String failure() {
    return failure;
  }

  @Override
  public void close() {
    if (outer == null) {
      CURRENT.remove();
    } else {
      CURRENT.set(outer);
    }
  }
}
