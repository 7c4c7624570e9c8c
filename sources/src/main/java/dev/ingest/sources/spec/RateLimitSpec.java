package dev.ingest.sources.spec;

import java.io.Serializable;

/**
 * The request budget of a connector's credential ({@code rate_limit:} in YAML), shared by all its endpoints.
 *
 * @param requestsPerSecond the sustained rate; 0 when the connector declares none (headers decide alone)
 * @param burst requests that may go out at once after an idle period (at least 1)
 * @param adaptive whether rate-limit response headers tighten the budget before the API answers 429
 */
public record RateLimitSpec(double requestsPerSecond, int burst, boolean adaptive) implements Serializable {
  /** No configured rate; adapt to response headers. */
  public static final RateLimitSpec NONE = new RateLimitSpec(0, 1, true);

  public RateLimitSpec {
    if (!(requestsPerSecond >= 0) || Double.isInfinite(requestsPerSecond)) {
      throw new IllegalArgumentException("requestsPerSecond must be >= 0");
    }
    if (burst < 1) {
      throw new IllegalArgumentException("burst must be >= 1");
    }
  }
}
