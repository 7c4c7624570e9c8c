package dev.ingest.sources.runtime;

import dev.ingest.sources.fetch.EndpointException;
import dev.ingest.sources.fetch.ErrorClass;
import dev.ingest.sources.secret.SecretStore;
import dev.ingest.sources.secret.SecretStoreProvider;
import dev.ingest.sources.spec.ConnectorSpec;
import dev.ingest.sources.spec.CredentialField;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a connector's credentials from the secret store when a fetcher opens. Failures are
 * {@link ErrorClass#CONFIG} errors naming the secret and the missing fields, never a value.
 */
final class Credentials {
  private Credentials() {}

  static Map<String, String> resolve(ConnectorSpec connector, String secretName, SecretStoreProvider secrets)
      throws EndpointException {
    if (!connector.needsSecret()) {
      return Map.of();
    }
    if (secretName == null || secrets == null) {
      throw new EndpointException(ErrorClass.CONFIG, "connector '" + connector.name()
          + "' needs credentials but the pipeline names no secret");
    }
    Optional<Map<String, String>> secret;
    try {
      SecretStore store = secrets.open();
      secret = store.read(secretName);
    } catch (IOException | RuntimeException e) {
      throw new EndpointException(ErrorClass.CONFIG, 0, "cannot read secret '" + secretName + "': "
          + e.getMessage(), null);
    }
    if (secret.isEmpty()) {
      throw new EndpointException(ErrorClass.CONFIG, "secret '" + secretName + "' not found in the secret store");
    }
    Map<String, String> fields = secret.get();
    List<String> missing = new ArrayList<>();
    for (CredentialField field : connector.credentials().values()) {
      String value = fields.get(field.key());
      if (field.required() && (value == null || value.isEmpty())) {
        missing.add("'" + field.key() + "' (" + field.label() + ")");
      }
    }
    if (!missing.isEmpty()) {
      throw new EndpointException(ErrorClass.CONFIG, "secret '" + secretName + "' has no value for credential field"
          + (missing.size() > 1 ? "s " : " ") + String.join(", ", missing) + " required by connector '"
          + connector.name() + "'");
    }
    return Map.copyOf(fields);
  }
}
