package dev.ingest.control.connection;

import dev.ingest.sources.secret.SecretStore;
import dev.ingest.sources.secret.SecretStoreProvider;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A credential typed into the wizard, held for one connection test only: a one-secret store in memory (an OAuth
 * refresh during the test rotates it there), never written anywhere. It never travels: its fields are transient and
 * its {@code toString} names the secret only.
 */
public final class TypedCredential implements SecretStoreProvider {
  private static final long serialVersionUID = 1L;

  private final String name;
  private final transient Map<String, Map<String, String>> store = new ConcurrentHashMap<>();

  public TypedCredential(String name, Map<String, String> fields) {
    this.name = name;
    store.put(name, Map.copyOf(fields));
  }

  @Override
  public SecretStore open() {
    return new SecretStore() {
      @Override
      public Optional<Map<String, String>> read(String secret) {
        return Optional.ofNullable(store.get(secret));
      }

      @Override
      public void write(String secret, Map<String, String> fields) {
        store.put(secret, Map.copyOf(fields));
      }

      @Override
      public boolean delete(String secret) {
        return store.remove(secret) != null;
      }
    };
  }

  @Override
  public String toString() {
    return "TypedCredential{" + name + "}";
  }
}
