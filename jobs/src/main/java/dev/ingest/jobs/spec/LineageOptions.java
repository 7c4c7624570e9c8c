package dev.ingest.jobs.spec;

import java.io.Serializable;
import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a pipeline sends its OpenLineage run events, from the pipeline's {@code lineage} block or the Ingest home's
 * {@code config.yaml} ({@code lineage:} section). {@link #OFF} unless a {@code url} is configured. Holds a secret's
 * <em>name</em> only: the API key is read from the secret store by the operator that sends the events. Shipped in
 * the job graph, so its components are plain nullable values; read them through the {@code Optional} accessors.
 *
 * @param receiver the receiver's base URL (for Marquez {@code http://host:5000}); null when lineage is off
 * @param path the receiver's path, or null for {@code /api/v1/lineage} (the OpenLineage client's default)
 * @param namespace the OpenLineage job namespace the pipeline's runs are reported under
 * @param keySecret the secret-store name whose field {@code api_key} is sent as a bearer token, or null
 * @param timeoutMillis the bound on connecting to and waiting for the receiver, per event
 */
public record LineageOptions(URI receiver, String path, String namespace, String keySecret, int timeoutMillis)
    implements Serializable {
  /** The default job namespace. */
  public static final String DEFAULT_NAMESPACE = "ingest";
  /** The default per-event bound. */
  public static final int DEFAULT_TIMEOUT_MILLIS = 5_000;
  /** No lineage. */
  public static final LineageOptions OFF = new LineageOptions(null, null, DEFAULT_NAMESPACE, null,
      DEFAULT_TIMEOUT_MILLIS);

  public LineageOptions {
    Objects.requireNonNull(namespace, "namespace");
    if (timeoutMillis < 1) {
      throw new IllegalArgumentException("timeoutMillis must be positive");
    }
  }

  /** Options from optional values. */
  public static LineageOptions of(Optional<URI> url, Optional<String> endpoint, String namespace,
      Optional<String> apiKeySecret, int timeoutMillis) {
    return new LineageOptions(url.orElse(null), endpoint.orElse(null), namespace, apiKeySecret.orElse(null),
        timeoutMillis);
  }

  /** The receiver's URL; empty when lineage is off. */
  public Optional<URI> url() {
    return Optional.ofNullable(receiver);
  }

  /** The receiver's path when not the client's default. */
  public Optional<String> endpoint() {
    return Optional.ofNullable(path);
  }

  /** The name of the secret holding the API key, if any. */
  public Optional<String> apiKeySecret() {
    return Optional.ofNullable(keySecret);
  }

  /** True when events are sent. */
  public boolean enabled() {
    return receiver != null;
  }
}
