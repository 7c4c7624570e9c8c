package dev.ingest.sources.ratelimit;

import dev.ingest.sources.secret.SecretNames;
import dev.ingest.sources.secret.SecretStoreProvider;
import java.io.Serializable;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * How a job reaches the control plane that owns its credentials' rate budgets. Travels in the job graph: it holds
 * the control API's address and numbers only, never a secret (a budget is named by {@link BudgetKey}).
 *
 * @param controlUrl the control API's base URL ({@code http://127.0.0.1:8080})
 * @param fallbackShare the share of the declared limit a job uses while it holds no lease (control plane lost),
 *     in (0, 1): never the whole limit; it is lowered further to 1/holders when the last lease said how many jobs
 *     share the budget
 * @param timeout the longest one lease request may take, connection and answer together
 * @param scope names the holder: jobs in one JVM whose settings are equal share one lease per credential (as they
 *     share one in-process budget); jobs given different scopes hold leases of their own, as if in separate JVMs
 * @param tokenSecret the secret whose {@code token} field authenticates lease requests ({@link #LEASE_TOKEN_SECRET},
 *     written by the control plane when it starts), or null to send none (a control plane with authentication
 *     then refuses the lease and the job keeps to its fallback share)
 * @param secrets opens the secret store holding {@code tokenSecret} on the task manager; null when tokenSecret is
 */
public record RateBudgetSettings(URI controlUrl, double fallbackShare, Duration timeout, String scope,
    String tokenSecret, SecretStoreProvider secrets) implements Serializable {
  /** The secret the control plane writes the lease token to; its {@code token} field opens the lease route only. */
  public static final String LEASE_TOKEN_SECRET = "ingest.rate-budget-leases";
  private static final java.util.regex.Pattern SCOPE = java.util.regex.Pattern.compile("[0-9A-Za-z._-]{1,27}");
  /** The fallback share unless told otherwise. */
  public static final double DEFAULT_FALLBACK_SHARE = 0.5;
  /** How long one lease request may take unless told otherwise. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(1);

  /** Validates, naming the field. */
  public RateBudgetSettings {
    Objects.requireNonNull(controlUrl, "rateBudget.controlUrl");
    if (controlUrl.getScheme() == null || !controlUrl.getScheme().matches("https?") || controlUrl.getHost() == null) {
      throw new IllegalArgumentException("rateBudget.controlUrl: expected an http(s) URL, got '" + controlUrl + "'");
    }
    if (!(fallbackShare > 0 && fallbackShare < 1)) {
      throw new IllegalArgumentException("rateBudget.fallbackShare: must be above 0 and below 1 (never the whole"
          + " limit), got " + fallbackShare);
    }
    if (timeout == null || timeout.isNegative() || timeout.isZero() || timeout.compareTo(Duration.ofSeconds(10)) > 0) {
      throw new IllegalArgumentException("rateBudget.timeout: must be positive and at most 10 s, got " + timeout);
    }
    if (scope == null || !SCOPE.matcher(scope).matches()) {
      throw new IllegalArgumentException("rateBudget.scope: expected 1 to 27 letters, digits, '.', '_' or '-', got '"
          + scope + "'");
    }
    if ((tokenSecret == null) != (secrets == null)) {
      throw new IllegalArgumentException("rateBudget.tokenSecret: give the secret name and the store together");
    }
    if (tokenSecret != null) {
      try {
        SecretNames.check(tokenSecret);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("rateBudget.tokenSecret: " + e.getMessage(), e);
      }
    }
  }

  public RateBudgetSettings(URI controlUrl, double fallbackShare, Duration timeout, String scope) {
    this(controlUrl, fallbackShare, timeout, scope, null, null);
  }

  /** Settings with the default fallback share and timeout. */
  public static RateBudgetSettings of(URI controlUrl) {
    return new RateBudgetSettings(controlUrl, DEFAULT_FALLBACK_SHARE, DEFAULT_TIMEOUT, "jvm");
  }

  /** These settings with another holder scope. */
  public RateBudgetSettings inScope(String other) {
    return new RateBudgetSettings(controlUrl, fallbackShare, timeout, other, tokenSecret, secrets);
  }

  /** These settings, authenticating lease requests with the lease token read from {@code store}. */
  public RateBudgetSettings withLeaseToken(SecretStoreProvider store) {
    return new RateBudgetSettings(controlUrl, fallbackShare, timeout, scope, LEASE_TOKEN_SECRET, store);
  }

  /**
   * What makes two jobs in one JVM the same holder: everything but the store's object (providers of one store
   * need not be equal objects).
   */
  java.util.List<Object> holderKey() {
    return java.util.Arrays.asList(controlUrl, fallbackShare, timeout, scope, tokenSecret);
  }

  /** These settings with another fallback share. */
  public RateBudgetSettings withFallbackShare(double share) {
    return new RateBudgetSettings(controlUrl, share, timeout, scope, tokenSecret, secrets);
  }
}
