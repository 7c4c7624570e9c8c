package dev.ingest.sources.runtime;

import dev.ingest.sources.auth.OAuth2Sessions;
import dev.ingest.sources.http.HttpTransport;
import dev.ingest.sources.ratelimit.LeasedRateBudgets;
import dev.ingest.sources.ratelimit.RateBudgetSettings;
import dev.ingest.sources.ratelimit.RateBudgets;
import dev.ingest.sources.retry.Sleeper;
import java.time.Clock;
import java.util.Objects;
import java.util.function.DoubleSupplier;

/**
 * {@link HttpEnvironment#withLeasedBudgets}: another environment whose rate budgets are leased from the control
 * plane ({@link LeasedRateBudgets}, one holder per JVM and control plane). Travels in the job graph with the
 * control API's address only.
 */
final class LeasedBudgetEnvironment implements HttpEnvironment {
  private static final long serialVersionUID = 1L;

  private final HttpEnvironment base;
  private final RateBudgetSettings budget;

  LeasedBudgetEnvironment(HttpEnvironment base, RateBudgetSettings budget) {
    this.base = Objects.requireNonNull(base, "base");
    this.budget = Objects.requireNonNull(budget, "budget");
  }

  @Override
  public HttpTransport transport() {
    return base.transport();
  }

  @Override
  public Sleeper sleeper() {
    return base.sleeper();
  }

  @Override
  public Clock clock() {
    return base.clock();
  }

  @Override
  public DoubleSupplier random() {
    return base.random();
  }

  @Override
  public RateBudgets rateLimiters() {
    return LeasedRateBudgets.jvm(budget);
  }

  @Override
  public OAuth2Sessions oauth2Sessions() {
    return base.oauth2Sessions();
  }

  @Override
  public String toString() {
    return base + " with rate budgets leased from " + budget.controlUrl();
  }
}
