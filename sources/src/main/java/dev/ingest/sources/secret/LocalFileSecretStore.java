package dev.ingest.sources.secret;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The embedded secret store: every secret in one file encrypted with AES-256-GCM (see {@link SecretCipher}), by
 * default {@code $INGEST_HOME/secrets.enc}, with its key in a separate file, by default
 * {@code $INGEST_HOME/keys/secrets.key}. Both are mode 0600 in directories of mode 0700.
 *
 * <p>The first write creates the key. Each write re-seals the whole content with a fresh nonce and replaces the file
 * atomically under a lock held across processes, so readers never see half a file and concurrent writers (CLI,
 * control plane, a job writing back a rotated token) do not lose each other's updates. A plaintext
 * {@code secrets.json} left by earlier versions in the same folder is read until the first write, which moves its
 * secrets into the encrypted file and deletes it.
 *
 * <p>Errors name the secret and the file, never a value: a missing key, a wrong key, a modified or truncated file,
 * a file other users can read.
 */
public final class LocalFileSecretStore implements SecretStore {
  /** File name of the plaintext store of earlier versions, migrated on first write. */
  public static final String LEGACY_FILE = "secrets.json";

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final TypeReference<TreeMap<String, TreeMap<String, String>>> TYPE = new TypeReference<>() {};

  private final Path file;
  private final SecretKeyFile key;
  private final Path legacy;

  /** A store at {@code file} with its key at {@code keyFile}. */
  public LocalFileSecretStore(Path file, Path keyFile) {
    this.file = Objects.requireNonNull(file, "file").toAbsolutePath().normalize();
    this.key = new SecretKeyFile(Objects.requireNonNull(keyFile, "keyFile").toAbsolutePath().normalize());
    this.legacy = this.file.resolveSibling(LEGACY_FILE);
    if (this.file.equals(this.key.path())) {
      throw new IllegalArgumentException("the secret key file must not be the secret store file " + file);
    }
  }

  /** A store at {@code file} with its key at the default place beside it, {@link #defaultKeyFile(Path)}. */
  public LocalFileSecretStore(Path file) {
    this(file, defaultKeyFile(file));
  }

  /** {@code <folder of file>/keys/secrets.key}. */
  public static Path defaultKeyFile(Path file) {
    Path dir = file.toAbsolutePath().normalize().getParent();
    return dir.resolve("keys").resolve("secrets.key");
  }

  /** The encrypted data file. */
  public Path file() {
    return file;
  }

  /** The key file. */
  public Path keyFile() {
    return key.path();
  }

  @Override
  public Optional<Map<String, String>> read(String name) throws IOException {
    SecretNames.check(name);
    Map<String, String> fields = readAll(name).get(name);
    return fields == null ? Optional.empty() : Optional.of(Collections.unmodifiableMap(fields));
  }

  @Override
  public void write(String name, Map<String, String> fields) throws IOException {
    SecretNames.check(name);
    TreeMap<String, String> copy = SecretNames.copyFields(name, fields);
    update(name, all -> {
      all.put(name, copy);
      return true;
    });
  }

  @Override
  public boolean delete(String name) throws IOException {
    SecretNames.check(name);
    return update(name, all -> all.remove(name) != null);
  }

  @Override
  public Set<String> names() throws IOException {
    return Collections.unmodifiableSet(readAll(null).keySet());
  }

  private interface Change {
    boolean apply(TreeMap<String, TreeMap<String, String>> all);
  }

  private boolean update(String name, Change change) throws IOException {
    return PrivateFiles.withLock(file, () -> {
      TreeMap<String, TreeMap<String, String>> all = readAll(name);
      boolean result = change.apply(all);
      byte[] keyBytes;
      if (key.exists()) {
        keyBytes = readKey(name);
      } else if (Files.exists(file)) {
        throw new IOException(subject(name) + "the key file " + key.path() + " of " + file + " is missing");
      } else {
        keyBytes = key.create();
      }
      PrivateFiles.writeAtomically(file, new SecretCipher(keyBytes).seal(MAPPER.writeValueAsBytes(all)));
      Files.deleteIfExists(legacy);
      return result;
    });
  }

  private TreeMap<String, TreeMap<String, String>> readAll(String name) throws IOException {
    if (!Files.exists(file)) {
      return Files.exists(legacy) ? readLegacy(name) : new TreeMap<>();
    }
    PrivateFiles.checkOwnerOnly(file, subject(name) + "secret store file");
    if (!key.exists()) {
      throw new IOException(subject(name) + "the key file " + key.path() + " of " + file + " is missing");
    }
    byte[] plain;
    try {
      plain = new SecretCipher(readKey(name)).open(Files.readAllBytes(file));
    } catch (SecretCipher.SealedDataException e) {
      throw new IOException(subject(name) + "secret store file " + file + " " + e.getMessage()
          + "; key file " + key.path());
    }
    return parse(plain, name, file);
  }

  private byte[] readKey(String name) throws IOException {
    try {
      return key.read();
    } catch (IOException e) {
      throw new IOException(subject(name) + e.getMessage(), e);
    }
  }

  private TreeMap<String, TreeMap<String, String>> readLegacy(String name) throws IOException {
    PrivateFiles.checkOwnerOnly(legacy, subject(name) + "plaintext secret store file");
    return parse(Files.readAllBytes(legacy), name, legacy);
  }

  private static TreeMap<String, TreeMap<String, String>> parse(byte[] json, String name, Path from)
      throws IOException {
    if (json.length == 0) {
      return new TreeMap<>();
    }
    try {
      TreeMap<String, TreeMap<String, String>> all = MAPPER.readValue(json, TYPE);
      return all == null ? new TreeMap<>() : all;
    } catch (JsonProcessingException e) {
      // never include the parser message: it may quote a secret value
      throw new IOException(subject(name) + "secret store file " + from
          + " does not hold a JSON object of {name: {field: value}}");
    }
  }

  private static String subject(String name) {
    return name == null ? "" : "secret '" + name + "': ";
  }

  @Override
  public String toString() {
    return "LocalFileSecretStore{" + file + ", key " + key.path() + "}";
  }
}
