package dev.ingest.sources.ratelimit;

import dev.ingest.sources.spec.RateLimitSpec;
import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Rate budgets the control plane owns: one {@link LeasedRateLimiter} per credential in this holder (a JVM, or a
 * test's stand-in for one), leasing its share of the credential's budget named by {@link BudgetKey}. A connector
 * that declares no rate ({@code requests_per_second} 0) has nothing to share out and keeps the in-process
 * {@link RateLimiterRegistry} budget (headers only).
 */
public final class LeasedRateBudgets implements RateBudgets {
  private static final ConcurrentMap<java.util.List<Object>, LeasedRateBudgets> JVM = new ConcurrentHashMap<>();
  private static final ScheduledExecutorService RENEWALS = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "ingest-rate-leases");
    t.setDaemon(true);
    return t;
  });

  private final RateBudgetSettings settings;
  private final RateLeaseClient client;
  private final RateLimiterRegistry unleased = RateLimiterRegistry.isolated();
  private final ConcurrentMap<String, RateLimiter> limiters = new ConcurrentHashMap<>();

  private LeasedRateBudgets(RateBudgetSettings settings) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.client = new RateLeaseClient(settings);
  }

  /** The budgets of this JVM for one control plane. */
  public static LeasedRateBudgets jvm(RateBudgetSettings settings) {
    return JVM.computeIfAbsent(settings.holderKey(), k -> new LeasedRateBudgets(settings));
  }

  /** A holder of its own (tests and benchmarks standing in for separate JVMs). */
  public static LeasedRateBudgets isolated(RateBudgetSettings settings) {
    return new LeasedRateBudgets(settings);
  }

  @Override
  public RateLimiter limiter(String connector, String credential, RateLimitSpec spec, Clock clock) {
    Objects.requireNonNull(spec, "spec");
    if (spec.requestsPerSecond() <= 0) {
      return unleased.limiter(connector, credential, spec, clock);
    }
    String key = BudgetKey.of(connector, credential);
    return limiters.computeIfAbsent(key, k -> new LeasedRateLimiter(k, settings.scope(), spec.requestsPerSecond(), spec.adaptive(),
        settings.fallbackShare(), client, RENEWALS, clock));
  }

  @Override
  public String toString() {
    return "LeasedRateBudgets{" + settings.controlUrl() + ", " + limiters.size() + " credentials}";
  }
}
