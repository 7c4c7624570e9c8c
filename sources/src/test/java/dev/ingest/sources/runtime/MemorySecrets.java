package dev.ingest.sources.runtime;

import dev.ingest.sources.secret.SecretStore;
import dev.ingest.sources.secret.SecretStoreProvider;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** An in-memory secret store for tests; counts writes. Not meant to be serialized. */
final class MemorySecrets implements SecretStoreProvider, SecretStore {
  private final transient Map<String, Map<String, String>> secrets = new ConcurrentHashMap<>();
  private transient int writes;

  MemorySecrets with(String name, Map<String, String> fields) {
    secrets.put(name, Map.copyOf(fields));
    return this;
  }

  @Override
  public SecretStore open() {
    return this;
  }

  @Override
  public Optional<Map<String, String>> read(String name) {
    return Optional.ofNullable(secrets.get(name)).map(HashMap::new);
  }

  @Override
  public synchronized void write(String name, Map<String, String> fields) {
    writes++;
    secrets.put(name, Map.copyOf(fields));
  }

  @Override
  public boolean delete(String name) {
    return secrets.remove(name) != null;
  }

  synchronized int writes() {
    return writes;
  }
}
