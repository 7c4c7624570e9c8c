package dev.ingest.sinks.catalog;

import java.io.Serializable;
import java.util.Objects;

/**
 * Where one field of a named secret goes in a catalog's properties, e.g. the field {@code secret_access_key} of
 * secret {@code lake-keys} into {@code s3.secret-access-key}.
 *
 * @param secret the secret's name in the secret store
 * @param field the field inside the secret
 * @param property the Iceberg catalog property it fills
 * @param required whether a missing field is an error
 */
public record SecretField(String secret, String field, String property, boolean required) implements Serializable {
  public SecretField {
    Objects.requireNonNull(secret, "secret");
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(property, "property");
  }
}
