package dev.ingest.jobs.spec;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ingest.sources.spec.ConnectorSpec;
import dev.ingest.sources.spec.SpecReader;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a pipeline's {@code credentials} block: the name of the secret that holds the connector's credential
 * (never the credential itself), required when the connector authenticates. {@code credentials.auth_method} is
 * read with the connector ({@link ConnectorReferenceParser}).
 */
final class CredentialsParser {
  private static final Set<String> KEYS = Set.of("secret", "auth_method");
  private static final Pattern SECRET_NAME = Pattern.compile("[A-Za-z0-9_./+=@-]{1,256}");

  private CredentialsParser() {}

  /** The secret's name, if the block gives one. */
  static Optional<String> parse(JsonNode root, SpecReader r, ConnectorSpec connector) {
    Optional<JsonNode> node = r.optionalObject(root, "", "credentials");
    node.ifPresent(n -> r.onlyKeys(n, "credentials", KEYS));
    Optional<String> secret = node.flatMap(n -> r.optionalString(n, "credentials", "secret"));
    secret.ifPresent(s -> checkSecretName(r, s, "credentials.secret"));
    if (connector != null && connector.needsSecret() && secret.isEmpty()) {
      r.error("credentials.secret", "required: connector " + connector.name()
          + " authenticates; name the secret that holds its credential");
    }
    return secret;
  }

  /** Records an error at {@code field} unless {@code name} looks like a secret's name (not a credential value). */
  static void checkSecretName(SpecReader r, String name, String field) {
    r.matches(name, SECRET_NAME, field,
        "must be a secret name ([A-Za-z0-9_./+=@-], at most 256 characters), not a credential value");
  }
}
