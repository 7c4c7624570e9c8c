package dev.ingest.sources.spec;

import java.io.Serializable;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One way of authenticating against a connector's API ({@code auth_methods.<name>} in YAML): its credential form
 * and the auth scheme that uses it. A connector offers one or more; a pipeline picks one with {@code auth_method:}
 * (the first when it does not say).
 *
 * @param name the method's name, {@code [a-z][a-z0-9_]*} ({@code api_token}, {@code oauth2}); a connector written
 *     with a single top-level {@code auth} block has one method named after its auth type
 * @param label a short human label ("OAuth 2.0 app"); defaults to the name
 * @param description when to choose this method and what it needs; empty when not given
 * @param credentials the credential form, in declaration order; empty for {@code none}
 * @param auth the auth scheme, whose templates reference {@code credentials}
 */
public record AuthMethod(
    String name, String label, String description, Map<String, CredentialField> credentials, AuthSpec auth)
    implements Serializable {

  public AuthMethod {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(auth, "auth");
    label = label == null || label.isBlank() ? name : label;
    description = description == null ? "" : description;
    credentials = Collections.unmodifiableMap(new LinkedHashMap<>(credentials));
  }

  /** The single method of a connector written with top-level {@code credentials} and {@code auth}. */
  static AuthMethod implicit(Map<String, CredentialField> credentials, AuthSpec auth) {
    return new AuthMethod(auth.type().yamlName(), null, null, credentials, auth);
  }
}
