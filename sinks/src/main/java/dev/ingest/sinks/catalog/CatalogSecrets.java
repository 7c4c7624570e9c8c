package dev.ingest.sinks.catalog;

import java.io.Serializable;
import java.util.Map;

/**
 * Reads a named secret for a catalog (S3 keys, OAuth2 client credentials, a JDBC password) where the catalog is
 * opened: on the client and inside each task that commits. Implementations are serializable recipes for reaching
 * the secret store; they never hold a secret value, so the job graph carries only the secret's name.
 */
@FunctionalInterface
public interface CatalogSecrets extends Serializable {

  /**
   * The secret's fields.
   *
   * @throws IllegalArgumentException when no secret has that name
   */
  Map<String, String> read(String name);

  /** A resolver for pipelines whose destination names no secret; reading any name fails. */
  static CatalogSecrets none() {
    return name -> {
      throw new IllegalArgumentException("no secret store configured to read the catalog secret '" + name + "'");
    };
  }
}
