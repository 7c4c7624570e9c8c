package dev.ingest.sources.secret;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM sealing of the local store's content. A sealed file is
 * {@code "INGS" | version (1 byte) | nonce (12 bytes) | ciphertext with its 128-bit tag}; the magic and version are
 * authenticated as associated data, so a file that was tampered with, truncated, or sealed with another key fails
 * to open. Every seal draws a fresh random nonce.
 */
final class SecretCipher {
  static final int KEY_BYTES = 32;
  private static final byte[] MAGIC = "INGS".getBytes(StandardCharsets.US_ASCII);
  private static final byte VERSION = 1;
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final int HEADER = MAGIC.length + 1;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final SecretKeySpec key;

  SecretCipher(byte[] key) {
    if (key.length != KEY_BYTES) {
      throw new IllegalArgumentException("an AES-256 key has " + KEY_BYTES + " bytes, got " + key.length);
    }
    this.key = new SecretKeySpec(key, "AES");
  }

  /** A new random 256-bit key. */
  static byte[] newKey() {
    byte[] key = new byte[KEY_BYTES];
    RANDOM.nextBytes(key);
    return key;
  }

  byte[] seal(byte[] plaintext) {
    byte[] nonce = new byte[NONCE_BYTES];
    RANDOM.nextBytes(nonce);
    try {
      Cipher cipher = cipher(Cipher.ENCRYPT_MODE, nonce);
      byte[] sealed = cipher.doFinal(plaintext);
      return ByteBuffer.allocate(HEADER + NONCE_BYTES + sealed.length)
          .put(MAGIC).put(VERSION).put(nonce).put(sealed).array();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is not available in this JVM: " + e.getClass().getSimpleName(), e);
    }
  }

  /** Opens a sealed file; {@link SealedDataException} says why it cannot be opened, never what it holds. */
  byte[] open(byte[] sealed) throws SealedDataException {
    if (sealed.length < HEADER + NONCE_BYTES + TAG_BITS / 8
        || !Arrays.equals(Arrays.copyOf(sealed, MAGIC.length), MAGIC)) {
      throw new SealedDataException("is not an Ingest encrypted secret store (bad header or truncated)");
    }
    if (sealed[MAGIC.length] != VERSION) {
      throw new SealedDataException("has format version " + sealed[MAGIC.length] + "; this Ingest reads version "
          + VERSION);
    }
    byte[] nonce = Arrays.copyOfRange(sealed, HEADER, HEADER + NONCE_BYTES);
    try {
      Cipher cipher = cipher(Cipher.DECRYPT_MODE, nonce);
      return cipher.doFinal(sealed, HEADER + NONCE_BYTES, sealed.length - HEADER - NONCE_BYTES);
    } catch (AEADBadTagException e) {
      throw new SealedDataException("cannot be decrypted with this key (wrong key, or the file was modified)");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is not available in this JVM: " + e.getClass().getSimpleName(), e);
    }
  }

  private Cipher cipher(int mode, byte[] nonce) throws GeneralSecurityException {
    Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
    cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
    cipher.updateAAD(MAGIC);
    cipher.updateAAD(new byte[] {VERSION});
    return cipher;
  }

  @Override
  public String toString() {
    return "SecretCipher{AES-256-GCM}";
  }

  /** The sealed bytes cannot be opened; the message completes "the secret store file …". */
  static final class SealedDataException extends Exception {
    private static final long serialVersionUID = 1L;

    SealedDataException(String message) {
      super(message);
    }
  }
}
