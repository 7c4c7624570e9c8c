package dev.ingest.sources.secret;

import java.nio.file.Paths;
import java.util.Objects;

/** Opens a {@link LocalFileSecretStore} at a path; what the job graph carries for the embedded store. */
public final class LocalFileSecretStoreProvider implements SecretStoreProvider {
  private static final long serialVersionUID = 1L;

  private final String path;

  /** A provider for the store file at {@code path} (as seen by the task managers). */
  public LocalFileSecretStoreProvider(String path) {
    this.path = Objects.requireNonNull(path, "path");
  }

  /** A provider for {@link LocalFileSecretStore#defaultPath()}. */
  public static LocalFileSecretStoreProvider atDefaultPath() {
    return new LocalFileSecretStoreProvider(LocalFileSecretStore.defaultPath().toString());
  }

  /** The store file path. */
  public String path() {
    return path;
  }

  @Override
  public LocalFileSecretStore open() {
    return new LocalFileSecretStore(Paths.get(path));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LocalFileSecretStoreProvider p && p.path.equals(path);
  }

  @Override
  public int hashCode() {
    return path.hashCode();
  }

  @Override
  public String toString() {
    return "LocalFileSecretStoreProvider{" + path + "}";
  }
}
