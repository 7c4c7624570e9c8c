package dev.ingest.control.api;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The bearer token that authenticates every control-API request but {@code /health}. Resolved in this order: the
 * {@value #ENV} environment variable; the file named by {@value #FILE_ENV}; {@code <home>/api-token}, generated
 * (256 random bits) and written with mode 0600 on first start. The value never appears in {@link #toString()}.
 */
public final class ApiToken {
  public static final String ENV = "INGEST_API_TOKEN";
  public static final String FILE_ENV = "INGEST_API_TOKEN_FILE";
  public static final String FILE_NAME = "api-token";
  private static final int MIN_LENGTH = 16;
  private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

  private final byte[] digest;
  private final String value;
  private final String source;

  private ApiToken(String value, String source) {
    if (value.length() < MIN_LENGTH) {
      throw new IllegalArgumentException("API token from " + source + " is too short: use at least " + MIN_LENGTH
          + " characters");
    }
    this.value = value;
    this.digest = sha256(value);
    this.source = source;
  }

  /** A token given directly (configuration, tests). */
  public static ApiToken of(String value) {
    return new ApiToken(Objects.requireNonNull(value, "value").strip(), "configuration");
  }

  /** Resolves the token from the environment or the Ingest home, generating it on first start. */
  public static ApiToken resolve(Map<String, String> env, Path home) throws IOException {
    String direct = env.get(ENV);
    if (direct != null && !direct.isBlank()) {
      return new ApiToken(direct.strip(), "$" + ENV);
    }
    String file = env.get(FILE_ENV);
    if (file != null && !file.isBlank()) {
      return new ApiToken(Files.readString(Path.of(file), StandardCharsets.UTF_8).strip(), file);
    }
    return fromHome(home);
  }

  /** The token in {@code <home>/api-token}, created with a fresh random value and mode 0600 when missing. */
  public static ApiToken fromHome(Path home) throws IOException {
    Path file = home.resolve(FILE_NAME);
    if (!Files.exists(file)) {
      Files.createDirectories(home);
      String generated = generate();
      try {
        Path temp = Files.createTempFile(home, "." + FILE_NAME, ".tmp",
            PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        Files.writeString(temp, generated + "\n", StandardCharsets.UTF_8);
        Files.move(temp, file);
      } catch (FileAlreadyExistsException e) {
        // another process created it first: use theirs
      }
    }
    return new ApiToken(Files.readString(file, StandardCharsets.UTF_8).strip(), file.toString());
  }

  static String generate() {
    byte[] bytes = new byte[32];
    new SecureRandom().nextBytes(bytes);
    return "ingest_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** True when {@code presented} is this token; takes the same time whatever the input (digests compared). */
  public boolean matches(String presented) {
    return presented != null && MessageDigest.isEqual(digest, sha256(presented));
  }

  /** The token value, for printing once to the operator who started the server. */
  public String reveal() {
    return value;
  }

  /** Where the token came from: a file path, an environment variable, or "configuration". */
  public String source() {
    return source;
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public String toString() {
    return "ApiToken{from " + source + "}";
  }
}
