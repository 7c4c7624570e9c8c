package dev.ingest.sources.secret;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Where credentials live. A pipeline holds only a reference (a secret name); the value, a map of credential
 * fields ({@code token}, {@code client_secret}, …), is read when a reader opens and written back when an OAuth
 * refresh rotates a token.
 *
 * <p>Implementations never put a secret value in an exception message, a log line or {@code toString}: errors name
 * the secret and the cause only.
 */
public interface SecretStore {

  /** The secret's fields, or empty when no secret has that name. */
  Optional<Map<String, String>> read(String name) throws IOException;

  /** Creates or replaces the secret. */
  void write(String name, Map<String, String> fields) throws IOException;

  /** Deletes the secret; returns whether it existed. */
  boolean delete(String name) throws IOException;

  /**
   * The names of the stored secrets, sorted; never a value. Both stores list ({@code ./ingest secret list});
   * a store that cannot says so (in-memory test stores need not list).
   */
  default Set<String> names() throws IOException {
    throw new IOException(getClass().getSimpleName() + " cannot list its secrets");
  }
}
