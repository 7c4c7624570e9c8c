package dev.ingest.jobs.spec;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ingest.sources.retry.RetryPolicy;
import dev.ingest.sources.spec.SpecReader;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a pipeline's {@code runtime} block into {@link RuntimeOptions}: parallelism, checkpoint interval, request
 * timeout, state backend and the {@code retry} knobs of {@link RetryPolicy}, each defaulting to {@link RuntimeOptions#DEFAULTS}.
 */
final class RuntimeParser {
  private static final Set<String> KEYS = Set.of("parallelism", "checkpoint_interval", "retry", "request_timeout",
      "state_backend");
  private static final Set<String> RETRY_KEYS = Set.of("max_attempts", "base_delay", "max_delay", "total_budget");

  private RuntimeParser() {}

  static RuntimeOptions parse(JsonNode root, SpecReader r) {
    Optional<JsonNode> node = r.optionalObject(root, "", "runtime");
    if (node.isEmpty()) {
      return RuntimeOptions.DEFAULTS;
    }
    RuntimeOptions d = RuntimeOptions.DEFAULTS;
    r.onlyKeys(node.get(), "runtime", KEYS);
    int parallelism = r.optionalInt(node.get(), "runtime", "parallelism", 1, 256).orElse(d.parallelism());
    Duration interval = Durations.field(node.get(), r, "runtime", "checkpoint_interval", "100ms", "24h")
        .orElse(d.checkpointInterval());
    RetryPolicy retry = retry(node.get(), r, d.retry());
    Duration timeout = Durations.field(node.get(), r, "runtime", "request_timeout", "1s", "1h")
        .orElse(d.requestTimeout());
    return new RuntimeOptions(parallelism, interval, retry, timeout, stateBackend(node.get(), r));
  }

  /** {@code runtime.state_backend}: {@code hashmap} or {@code rocksdb}; null when absent. */
  private static StateBackend stateBackend(JsonNode runtime, SpecReader r) {
    Optional<String> text = r.optionalString(runtime, "runtime", "state_backend");
    if (text.isEmpty()) {
      return null;
    }
    Optional<StateBackend> backend = StateBackend.named(text.get());
    if (backend.isEmpty()) {
      r.error("runtime.state_backend", "expected one of " + StateBackend.names() + "; got '" + text.get() + "'");
      return null;
    }
    return backend.get();
  }

  /** {@code runtime.retry}: the knobs of {@link RetryPolicy}, each defaulting to the runtime's default. */
  private static RetryPolicy retry(JsonNode runtime, SpecReader r, RetryPolicy defaults) {
    Optional<JsonNode> node = r.optionalObject(runtime, "runtime", "retry");
    if (node.isEmpty()) {
      return defaults;
    }
    String path = "runtime.retry";
    r.onlyKeys(node.get(), path, RETRY_KEYS);
    int attempts = r.optionalInt(node.get(), path, "max_attempts", 1, 50).orElse(defaults.maxAttempts());
    Duration base = Durations.field(node.get(), r, path, "base_delay", "1ms", "10m").orElse(defaults.baseDelay());
    Duration max = Durations.field(node.get(), r, path, "max_delay", "1ms", "1h").orElse(defaults.maxDelay());
    Duration budget = Durations.field(node.get(), r, path, "total_budget", "1s", "24h")
        .orElse(defaults.totalBudget());
    if (max.compareTo(base) < 0) {
      r.error(path + ".max_delay", "must not be shorter than base_delay (" + base.toMillis() + "ms), got "
          + max.toMillis() + "ms");
    }
    return defaults.withMaxAttempts(attempts).withBaseDelay(base).withMaxDelay(max).withTotalBudget(budget);
  }
}
