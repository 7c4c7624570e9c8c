package dev.ingest.sources.secret;

import java.io.Serializable;

/**
 * A serializable recipe for opening a {@link SecretStore} on a task manager (a file path, a region and endpoint):
 * it travels in the job graph and never contains a secret value.
 */
public interface SecretStoreProvider extends Serializable {
  SecretStore open();
}
