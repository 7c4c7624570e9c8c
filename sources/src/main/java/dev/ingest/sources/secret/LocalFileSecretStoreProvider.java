package dev.ingest.sources.secret;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Opens a {@link LocalFileSecretStore}; what the job graph carries for the embedded store: two paths (as seen by
 * the task managers), never a key or a value.
 */
public final class LocalFileSecretStoreProvider implements SecretStoreProvider {
  private static final long serialVersionUID = 2L;

  private final String path;
  private final String keyPath;

  /** A provider for the store file at {@code path} with its key at {@code keyPath}. */
  public LocalFileSecretStoreProvider(String path, String keyPath) {
    this.path = Objects.requireNonNull(path, "path");
    this.keyPath = Objects.requireNonNull(keyPath, "keyPath");
  }

  /** A provider for the store file at {@code path} with its key at the default place beside it. */
  public LocalFileSecretStoreProvider(String path) {
    this(path, LocalFileSecretStore.defaultKeyFile(Path.of(path)).toString());
  }

  /** The store file path. */
  public String path() {
    return path;
  }

  /** The key file path. */
  public String keyPath() {
    return keyPath;
  }

  @Override
  public LocalFileSecretStore open() {
    return new LocalFileSecretStore(Path.of(path), Path.of(keyPath));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LocalFileSecretStoreProvider p && p.path.equals(path) && p.keyPath.equals(keyPath);
  }

  @Override
  public int hashCode() {
    return Objects.hash(path, keyPath);
  }

  @Override
  public String toString() {
    return "LocalFileSecretStoreProvider{" + path + ", key " + keyPath + "}";
  }
}
