package dev.ingest.sources.airbyte.runtime;

import dev.ingest.sources.http.ApiResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * How long an Airbyte backoff strategy waits before retrying a response; empty when it has no opinion (the next
 * strategy, then the runtime's, decides). One small implementation per component type; see {@link #of}.
 */
interface BackoffStrategy {

  /**
   * @param attempt the attempt that got {@code response} (1 for the first), as Airbyte's {@code attempt_count}
   * @throws WaitRefused when the wait would reach the strategy's {@code max_waiting_time_in_seconds}
   */
  Optional<Duration> wait(ApiResponse response, int attempt, Clock clock);

  /** A wait the strategy refuses to take: the stream stops instead. */
  final class WaitRefused extends RuntimeException {
    private static final long serialVersionUID = 1L;

    WaitRefused(String message) {
      super(message);
    }
  }

  /** The strategy of one component of {@code backoff_strategies}, with the config its fields see. */
  static BackoffStrategy of(Component strategy, Templates templates, EvalContext context) {
    return switch (strategy.type()) {
      case "ExponentialBackoffStrategy" -> new ExponentialBackoff(seconds(strategy, "factor", 5, templates,
          context));
      case "ConstantBackoffStrategy" -> new ConstantBackoff(seconds(strategy, "backoff_time_in_seconds", -1,
          templates, context));
      case "WaitTimeFromHeader" -> new HeaderWait(HeaderValue.of(strategy, templates, context),
          maxWait(strategy, templates, context));
      case "WaitUntilTimeFromHeader" -> new HeaderWaitUntil(HeaderValue.of(strategy, templates, context),
          seconds(strategy, "min_wait", 0, templates, context), maxWait(strategy, templates, context));
      default -> throw strategy.refuse(strategy.type() + " is not a supported backoff strategy");
    };
  }

  private static double seconds(Component strategy, String field, double fallback, Templates templates,
      EvalContext context) {
    Object value = templates.value(strategy, field, context);
    if (value == null || (value instanceof String s && s.isEmpty())) {
      if (fallback < 0) {
        throw strategy.refuse(field + " is required");
      }
      return fallback;
    }
    try {
      double seconds = Double.parseDouble(String.valueOf(value).trim());
      if (!(seconds >= 0) || Double.isInfinite(seconds)) {
        throw strategy.refuse(field + " must be a number of seconds >= 0, got '" + value + "'");
      }
      return seconds;
    } catch (NumberFormatException e) {
      throw strategy.refuse(field + " must be a number of seconds, got '" + value + "'");
    }
  }

  private static Optional<Double> maxWait(Component strategy, Templates templates, EvalContext context) {
    return strategy.has("max_waiting_time_in_seconds")
        ? Optional.of(seconds(strategy, "max_waiting_time_in_seconds", 0, templates, context)) : Optional.empty();
  }

  /** Seconds as a duration (millisecond precision). */
  static Duration ofSeconds(double seconds) {
    return Duration.ofMillis(Math.round(Math.min(seconds, 86_400.0 * 365) * 1000));
  }

  /** Refuses {@code seconds} when it reaches {@code max} (inclusive, as Airbyte). */
  static Duration capped(double seconds, Optional<Double> max) {
    if (max.isPresent() && seconds >= max.get()) {
      throw new WaitRefused("the rate limit wait of " + seconds + " s is at least max_waiting_time_in_seconds ("
          + max.get() + " s): stopping the stream");
    }
    return ofSeconds(seconds);
  }
}
