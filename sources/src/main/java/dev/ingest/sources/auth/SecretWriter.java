package dev.ingest.sources.auth;

import java.io.IOException;

/** Writes one rotated credential field back to where the credential lives (the secret store). */
@FunctionalInterface
public interface SecretWriter {
  /** A writer that keeps nothing (credentials without a store). */
  SecretWriter NONE = (field, value) -> { };

  /** Replaces credential field {@code field} with {@code value}, keeping the other fields. */
  void replace(String field, String value) throws IOException;
}
