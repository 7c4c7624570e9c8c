package dev.ingest.sources.secret;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Base64;

/**
 * The local store's key: 32 random bytes, base64 on one line, in a file of mode 0600 kept apart from the data
 * file (by default {@code $INGEST_HOME/keys/secrets.key}; point it at a mounted volume or a different disk to keep
 * backups of the data file useless on their own).
 */
final class SecretKeyFile {
  private final Path path;

  SecretKeyFile(Path path) {
    this.path = path;
  }

  Path path() {
    return path;
  }

  boolean exists() {
    return Files.exists(path);
  }

  /** Reads the key; fails naming the file when it is missing, readable by others, or not a 256-bit key. */
  byte[] read() throws IOException {
    String text;
    try {
      PrivateFiles.checkOwnerOnly(path, "secret key file");
      text = Files.readString(path, StandardCharsets.US_ASCII).strip();
    } catch (NoSuchFileException e) {
      throw new IOException("secret key file " + path + " is missing");
    }
    byte[] key;
    try {
      key = Base64.getDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      throw new IOException("secret key file " + path + " is not base64 text");
    }
    if (key.length != SecretCipher.KEY_BYTES) {
      throw new IOException("secret key file " + path + " holds " + key.length + " bytes; an AES-256 key has "
          + SecretCipher.KEY_BYTES);
    }
    return key;
  }

  /** Creates a new random key file (mode 0600, directory 0700) and returns the key. */
  byte[] create() throws IOException {
    byte[] key = SecretCipher.newKey();
    byte[] text = (Base64.getEncoder().encodeToString(key) + "\n").getBytes(StandardCharsets.US_ASCII);
    PrivateFiles.writeAtomically(path, text);
    return key;
  }
}
