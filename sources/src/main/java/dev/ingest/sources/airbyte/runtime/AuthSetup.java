package dev.ingest.sources.airbyte.runtime;

import dev.ingest.sources.runtime.RequestExecutor;
import java.time.Clock;
import java.util.Objects;

/**
 * What the authenticators that make requests of their own (OAuth token refresh, session login) need besides their
 * component: the credential's identity (connector and secret name: tokens are shared per credential in the JVM),
 * the executor their requests go through (retry policy, network policy, redaction), where rotated tokens are
 * written back, the clock, and the pipeline's overrides of the URL base and the token endpoint.
 *
 * @param credential the secret name (a reference), or the URL base when the pipeline has no secret
 * @param tokenUrlOverride the pipeline's {@code token_refresh_endpoint} override, or null
 * @param urlBaseOverride the pipeline's {@code url_base} override (login requests too), or null
 */
record AuthSetup(String connector, String credential, RequestExecutor executor, SecretWriteBack writeBack,
    Clock clock, String tokenUrlOverride, String urlBaseOverride) {
  AuthSetup {
    Objects.requireNonNull(connector, "connector");
    Objects.requireNonNull(credential, "credential");
    Objects.requireNonNull(executor, "executor");
    Objects.requireNonNull(writeBack, "writeBack");
    Objects.requireNonNull(clock, "clock");
  }

  /** The key of a credential's shared token state: connector, secret and what distinguishes the token. */
  String key(String... parts) {
    return connector + "\u0000" + credential + "\u0000" + String.join("\u0000", parts);
  }
}
