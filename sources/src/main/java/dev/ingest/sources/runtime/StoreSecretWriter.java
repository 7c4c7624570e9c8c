package dev.ingest.sources.runtime;

import dev.ingest.sources.auth.SecretWriter;
import dev.ingest.sources.secret.SecretStore;
import dev.ingest.sources.secret.SecretStoreProvider;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/** Writes a rotated credential field back into the pipeline's secret: read, replace the field, write. */
final class StoreSecretWriter implements SecretWriter {
  private final SecretStoreProvider provider;
  private final String secretName;

  StoreSecretWriter(SecretStoreProvider provider, String secretName) {
    this.provider = provider;
    this.secretName = secretName;
  }

  @Override
  public void replace(String field, String value) throws IOException {
    SecretStore store = provider.open();
    Map<String, String> fields = new HashMap<>(store.read(secretName).orElseThrow(
        () -> new IOException("secret '" + secretName + "' disappeared from the store")));
    fields.put(field, value);
    store.write(secretName, fields);
  }

  @Override
  public String toString() {
    return "StoreSecretWriter{" + secretName + "}";
  }
}
