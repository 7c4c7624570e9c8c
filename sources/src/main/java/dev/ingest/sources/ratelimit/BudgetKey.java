package dev.ingest.sources.ratelimit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * The name a credential's budget has at the control plane: the first 128 bits of SHA-256 over the connector and
 * the credential reference, in hex. The reference is a secret's name, never its value, and the hash keeps even the
 * name out of URLs and logs.
 */
public final class BudgetKey {
  private BudgetKey() {}

  /** The key of {@code connector}'s budget for {@code credential}. */
  public static String of(String connector, String credential) {
    Objects.requireNonNull(connector, "connector");
    Objects.requireNonNull(credential, "credential");
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256")
          .digest((connector + "\u0000" + credential).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
