package dev.ingest.sources.secret;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;

/**
 * Where credentials live. A pipeline holds only a reference (a secret name); the value, a map of credential
 * fields ({@code token}, {@code client_secret}, …), is read when a reader opens and written back when an OAuth
 * refresh rotates a token.
 */
public interface SecretStore {

  /** The secret's fields, or empty when no secret has that name. */
  Optional<Map<String, String>> read(String name) throws IOException;

  /** Creates or replaces the secret. */
  void write(String name, Map<String, String> fields) throws IOException;
}
