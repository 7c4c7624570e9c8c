package dev.ingest.sources.airbyte.runtime;

import dev.ingest.sources.secret.SecretStore;
import dev.ingest.sources.secret.SecretStoreProvider;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes config values an authenticator changed (a rotated refresh token, the new access token and its expiry)
 * back into the pipeline's secret, in one write: read the secret, replace the fields (named by their config path,
 * {@code credentials.refresh_token}), write it. When {@link #write} returns, the store holds the new values; when
 * it throws, the caller must not use them. Messages name the secret and the cause, never a value.
 */
final class SecretWriteBack {
  /** A write-back for a pipeline without a secret store: every write fails. */
  static final SecretWriteBack NONE = new SecretWriteBack(null, null);

  private final SecretStoreProvider provider;
  private final String secretName;

  SecretWriteBack(SecretStoreProvider provider, String secretName) {
    this.provider = provider;
    this.secretName = secretName;
  }

  /** Replaces {@code fields} (config path to value) in the secret, keeping its other fields. */
  void write(Map<String, String> fields) throws IOException {
    if (provider == null || secretName == null) {
      throw new IOException("the pipeline names no secret (credentials.secret) to write rotated tokens to");
    }
    SecretStore store = provider.open();
    Map<String, String> values = new LinkedHashMap<>(store.read(secretName).orElseThrow(
        () -> new IOException("secret '" + secretName + "' disappeared from the store")));
    values.putAll(fields);
    store.write(secretName, values);
  }

  @Override
  public String toString() {
    return "SecretWriteBack{" + secretName + "}";
  }
}
