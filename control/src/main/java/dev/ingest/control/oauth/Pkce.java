package dev.ingest.control.oauth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/** PKCE (RFC 7636): a random code verifier and its S256 code challenge. */
public final class Pkce {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();

  private Pkce() {}

  /** 32 random bytes, base64url: 43 characters, within the 43-128 RFC 7636 allows. */
  public static String newVerifier() {
    return random(32);
  }

  /** {@code BASE64URL(SHA-256(verifier))}, the {@code S256} method. */
  public static String challenge(String verifier) {
    return URL.encodeToString(sha256(verifier));
  }

  /** A random, URL-safe token of {@code bytes} random bytes (state values, session nonces). */
  public static String random(int bytes) {
    byte[] b = new byte[bytes];
    RANDOM.nextBytes(b);
    return URL.encodeToString(b);
  }

  static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.US_ASCII));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 missing from the JDK", e);
    }
  }
}
