package dev.ingest.jobs.compile;

import dev.ingest.sinks.catalog.CatalogSecrets;
import dev.ingest.sources.secret.SecretStoreProvider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Objects;

/**
 * Reads catalog secrets from the pipeline's secret store (the same store as the API credentials). Serializable:
 * it carries the store's {@link SecretStoreProvider} recipe, never a value.
 */
public final class StoreCatalogSecrets implements CatalogSecrets {
  private static final long serialVersionUID = 1L;

  private final SecretStoreProvider store;

  public StoreCatalogSecrets(SecretStoreProvider store) {
    this.store = Objects.requireNonNull(store, "store");
  }

  @Override
  public Map<String, String> read(String name) {
    try {
      return store.open().read(name)
          .orElseThrow(() -> new IllegalArgumentException("no secret named '" + name + "' in the secret store"));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read secret '" + name + "': " + e.getMessage(), e);
    }
  }

  @Override
  public String toString() {
    return "StoreCatalogSecrets[" + store + "]";
  }
}
