package dev.ingest.sources.airbyte.interpolation;

import java.util.List;

/** Replaces every secret (config string value) in an error message with {@code ****}. */
final class Redaction {

  private Redaction() {}

  static String apply(String message, List<String> secrets) {
    String out = message;
    for (String secret : secrets) {
      out = out.replace(secret, "****");
    }
    return out;
  }
}
