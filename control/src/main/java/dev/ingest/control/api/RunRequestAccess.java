package dev.ingest.control.api;

import dev.ingest.sources.secret.SecretStore;
import dev.ingest.sources.source.request.RunRequestSettings;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;

/**
 * Gives a pipeline's job the means to poll its run requests: writes the pipeline's poll token
 * ({@link RunRequestTokens}) to the secret {@code ingest.run-requests.<pipeline>} before the job is deployed, where
 * the job's enumerator reads it. Written only when missing or different (a new API token), never logged.
 */
final class RunRequestAccess {
  private final SecretStore secrets;
  private final RunRequestTokens tokens;

  RunRequestAccess(SecretStore secrets, RunRequestTokens tokens) {
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

  /** True when {@code presented} is the poll token of {@code pipeline}. */
  boolean matches(String pipeline, String presented) {
    return tokens.matches(pipeline, presented);
  }
}
