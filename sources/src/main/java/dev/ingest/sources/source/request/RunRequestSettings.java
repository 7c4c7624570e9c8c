package dev.ingest.sources.source.request;

import dev.ingest.sources.secret.SecretNames;
import dev.ingest.sources.secret.SecretStoreProvider;
import java.io.Serializable;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * How a deployed job reaches the control plane for run requests. Travels in the job graph, so it holds the name
 * of the secret with the poll token, never the token: the job reads it from the secret store when it first polls.
 *
 * @param controlUrl the control API's base URL as the job manager reaches it ({@code http://127.0.0.1:8080})
 * @param tokenSecret the secret whose {@code token} field authenticates the polls (a token that can read this
 *     pipeline's run requests and nothing else)
 * @param secrets opens the secret store on the job manager
 * @param pollInterval how often the enumerator asks
 * @param timeout the longest one poll may take, connection and answer together
 */
public record RunRequestSettings(URI controlUrl, String tokenSecret, SecretStoreProvider secrets,
    Duration pollInterval, Duration timeout) implements Serializable {
  /** How often a job asks unless told otherwise. */
  public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(2);
  /** How long one poll may take unless told otherwise. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(2);
  /** The shortest poll interval accepted. */
  public static final Duration MIN_POLL_INTERVAL = Duration.ofMillis(100);

  /** Validates, naming the field. */
  public RunRequestSettings {
    Objects.requireNonNull(controlUrl, "runRequests.controlUrl");
    if (controlUrl.getScheme() == null || !controlUrl.getScheme().matches("https?") || controlUrl.getHost() == null) {
      throw new IllegalArgumentException("runRequests.controlUrl: expected an http(s) URL, got '" + controlUrl + "'");
    }
    try {
      SecretNames.check(tokenSecret);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("runRequests.tokenSecret: " + e.getMessage(), e);
    }
    Objects.requireNonNull(secrets, "runRequests.secrets");
    if (pollInterval == null || pollInterval.compareTo(MIN_POLL_INTERVAL) < 0) {
      throw new IllegalArgumentException("runRequests.pollInterval: must be at least " + MIN_POLL_INTERVAL.toMillis()
          + " ms, got " + pollInterval);
    }
    if (timeout == null || timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("runRequests.timeout: must be positive, got " + timeout);
    }
  }

  /** The secret the control plane writes a pipeline's poll token to: {@code ingest.run-requests.<pipeline>}. */
  public static String tokenSecretFor(String pipeline) {
    return "ingest.run-requests." + Objects.requireNonNull(pipeline, "pipeline");
  }

  /** Settings with the default poll interval and timeout. */
  public static RunRequestSettings of(URI controlUrl, String tokenSecret, SecretStoreProvider secrets) {
    return new RunRequestSettings(controlUrl, tokenSecret, secrets, DEFAULT_POLL_INTERVAL, DEFAULT_TIMEOUT);
  }
}
