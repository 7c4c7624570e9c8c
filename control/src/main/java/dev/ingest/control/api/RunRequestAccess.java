package dev.ingest.control.api;

import dev.ingest.sources.ratelimit.RateBudgetSettings;
import dev.ingest.sources.secret.SecretStore;
import dev.ingest.sources.source.request.RunRequestSettings;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;

/**
 * Gives a pipeline's job the means to poll its run requests: writes the pipeline's poll token
 * ({@link JobTokens}) to the secret {@code ingest.run-requests.<pipeline>} before the job is deployed, where
 * the job's enumerator reads it. Written only when missing or different (a new API token), never logged.
 */
final class RunRequestAccess {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(RunRequestAccess.class);
  private final SecretStore secrets;
  private final JobTokens tokens;

  RunRequestAccess(SecretStore secrets, JobTokens tokens) {
    this.secrets = secrets;
    this.tokens = tokens;
  }

  /** Makes sure the pipeline's poll token is in the secret store. */
  void grant(String pipeline) {
    String name = RunRequestSettings.tokenSecretFor(pipeline);
    String token = tokens.forPipeline(pipeline);
    try {
      Optional<Map<String, String>> current = secrets.read(name);
      if (current.map(fields -> token.equals(fields.get("token"))).orElse(false)) {
        return;
      }
      secrets.write(name, Map.of("token", token));
    } catch (IOException e) {
      throw new ApiException(500, "secret_store", "cannot write secret '" + name + "' (the run-request token of "
          + "pipeline " + pipeline + "): " + e.getMessage());
    }
  }

  /** Removes the pipeline's poll token (undeploy, delete); a store that cannot is left as it is. */
  void revoke(String pipeline) {
    try {
      secrets.delete(RunRequestSettings.tokenSecretFor(pipeline));
    } catch (IOException | RuntimeException e) {
      // the token opens only this pipeline's run requests, which are dropped with it
    }
  }

  /**
   * Makes sure the lease token is in the secret store ({@link RateBudgetSettings#LEASE_TOKEN_SECRET}), where
   * jobs read it to lease rate budgets. A store that cannot take it is reported, not fatal: jobs then keep to
   * their fallback share of each declared limit.
   */
  void grantLeases() {
    String name = RateBudgetSettings.LEASE_TOKEN_SECRET;
    String token = tokens.forLeases();
    try {
      Optional<Map<String, String>> current = secrets.read(name);
      if (!current.map(fields -> token.equals(fields.get("token"))).orElse(false)) {
        secrets.write(name, Map.of("token", token));
      }
    } catch (IOException | RuntimeException e) {
      LOG.warn("Cannot write secret '{}' (the rate-lease token); jobs will keep to their fallback share of each"
          + " declared rate limit: {}", name, e.getClass().getSimpleName());
    }
  }

  /**
   * True for the secrets this class writes for jobs (poll tokens, the lease token): the control plane's own, not
   * credentials, so the credentials page leaves them out.
   */
  static boolean ownsSecret(String name) {
    return RateBudgetSettings.LEASE_TOKEN_SECRET.equals(name)
        || name.startsWith(RunRequestSettings.tokenSecretFor(""));
  }

  /** True when {@code presented} is the lease token. */
  boolean matchesLease(String presented) {
    return tokens.matchesLease(presented);
  }

  /** True when {@code presented} is the poll token of {@code pipeline}. */
  boolean matches(String pipeline, String presented) {
    return tokens.matches(pipeline, presented);
  }
}
