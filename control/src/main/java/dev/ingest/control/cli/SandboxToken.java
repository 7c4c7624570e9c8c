package dev.ingest.control.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * The bundled sandbox API's bearer token, kept in {@code $INGEST_HOME/sandbox-token} (mode 0600) so it stays the
 * same across {@code ./ingest up} restarts: a pipeline whose credential is that token keeps working, and a user
 * who copied it (curl, a second pipeline) need not copy it again. Created with a fresh random value on first
 * start; delete the file to rotate it. It guards a local fake API only, never real data.
 */
final class SandboxToken {
  static final String FILE_NAME = "sandbox-token";
  static final Pattern FORMAT = Pattern.compile("sbx_[0-9a-f]{32}");

  private SandboxToken() {}

  /** The token in {@code <home>/sandbox-token}; generated when the file is missing or holds no valid token. */
  static String load(Path home) throws IOException {
    Path file = home.resolve(FILE_NAME);
    if (Files.exists(file)) {
      String stored = Files.readString(file, StandardCharsets.UTF_8).strip();
      if (FORMAT.matcher(stored).matches()) {
        return stored;
      }
    }
    Files.createDirectories(home);
    String token = "sbx_" + HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
    Path temp = Files.createTempFile(home, "." + FILE_NAME, ".tmp",
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    try {
      Files.writeString(temp, token + "\n", StandardCharsets.UTF_8);
      try {
        Files.move(temp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
            java.nio.file.StandardCopyOption.ATOMIC_MOVE);
      } catch (FileAlreadyExistsException e) {
        Files.move(temp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(temp);
    }
    return token;
  }
}
