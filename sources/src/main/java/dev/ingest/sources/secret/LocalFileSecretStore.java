package dev.ingest.sources.secret;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The embedded secret store: one JSON file {@code {"<secret name>": {"<field>": "<value>"}}}, by default
 * {@code $INGEST_HOME/secrets.json} ({@code ~/.ingest/secrets.json}).
 *
 * <p>The file is created with mode 0600 in a directory created with mode 0700, and replaced atomically (temp file
 * in the same directory, fsync, atomic move) under a lock file, so readers never see half a file and concurrent
 * writers (CLI and control plane) do not lose each other's updates. Reading refuses a file whose mode lets group or
 * others read it. Values are stored in clear text: the file's mode is the protection.
 */
public final class LocalFileSecretStore implements SecretStore {
  private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final TypeReference<TreeMap<String, TreeMap<String, String>>> TYPE = new TypeReference<>() {};
  private static final Set<PosixFilePermission> FILE_MODE = PosixFilePermissions.fromString("rw-------");
  private static final Set<PosixFilePermission> DIR_MODE = PosixFilePermissions.fromString("rwx------");
  private static final Map<Path, Object> LOCKS = new ConcurrentHashMap<>();

  private final Path file;

  public LocalFileSecretStore(Path file) {
    this.file = Objects.requireNonNull(file, "file").toAbsolutePath().normalize();
  }

  /** {@code $INGEST_HOME/secrets.json}, or {@code ~/.ingest/secrets.json} when INGEST_HOME is not set. */
  public static Path defaultPath() {
    String home = System.getenv("INGEST_HOME");
    Path dir = home == null || home.isBlank() ? Paths.get(System.getProperty("user.home"), ".ingest") : Paths.get(home);
    return dir.resolve("secrets.json");
  }

  /** The store file. */
  public Path file() {
    return file;
  }

  @Override
  public Optional<Map<String, String>> read(String name) throws IOException {
    Map<String, String> fields = readAll().get(name);
    return fields == null ? Optional.empty() : Optional.of(Collections.unmodifiableMap(fields));
  }

  @Override
  public void write(String name, Map<String, String> fields) throws IOException {
    checkName(name);
    Map<String, String> copy = new TreeMap<>();
    fields.forEach((k, v) -> copy.put(Objects.requireNonNull(k, "field name"),
        Objects.requireNonNull(v, () -> "value of field '" + k + "'")));
    update(all -> all.put(name, new TreeMap<>(copy)));
  }

  /** Deletes secret {@code name}; returns whether it existed. */
  public boolean delete(String name) throws IOException {
    boolean[] existed = {false};
    update(all -> existed[0] = all.remove(name) != null);
    return existed[0];
  }

  /** The names of the stored secrets, sorted. */
  public Set<String> names() throws IOException {
    return Collections.unmodifiableSet(readAll().keySet());
  }

  private interface Change {
    void apply(TreeMap<String, TreeMap<String, String>> all);
  }

  private void update(Change change) throws IOException {
    synchronized (LOCKS.computeIfAbsent(file, f -> new Object())) {
      ensureDirectory();
      Path lockFile = file.resolveSibling(file.getFileName() + ".lock");
      createPrivateFile(lockFile);
      try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE);
          FileLock lock = channel.lock()) {
        TreeMap<String, TreeMap<String, String>> all = readAll();
        change.apply(all);
        writeAtomically(MAPPER.writeValueAsBytes(all));
      }
    }
  }

  private TreeMap<String, TreeMap<String, String>> readAll() throws IOException {
    if (!Files.exists(file)) {
      return new TreeMap<>();
    }
    checkMode();
    byte[] bytes = Files.readAllBytes(file);
    if (bytes.length == 0) {
      return new TreeMap<>();
    }
    try {
      TreeMap<String, TreeMap<String, String>> all = MAPPER.readValue(bytes, TYPE);
      return all == null ? new TreeMap<>() : all;
    } catch (JsonProcessingException e) {
      // never include the parser message: it may quote a secret value
      throw new IOException("secret store " + file + " is not a JSON object of {name: {field: value}}");
    }
  }

  private void checkMode() throws IOException {
    if (!isPosix()) {
      return;
    }
    Set<PosixFilePermission> mode = Files.getPosixFilePermissions(file);
    EnumSet<PosixFilePermission> wider = EnumSet.noneOf(PosixFilePermission.class);
    wider.addAll(mode);
    wider.removeAll(FILE_MODE);
    if (!wider.isEmpty()) {
      throw new IOException("secret store " + file + " has mode " + PosixFilePermissions.toString(mode)
          + ", which lets other users read it; run: chmod 600 " + file);
    }
  }

  private void ensureDirectory() throws IOException {
    Path dir = file.getParent();
    if (dir != null && !Files.isDirectory(dir)) {
      Files.createDirectories(dir, attributes(DIR_MODE));
      if (isPosix()) {
        Files.setPosixFilePermissions(dir, DIR_MODE); // createDirectories is subject to the umask
      }
    }
  }

  private void createPrivateFile(Path path) throws IOException {
    try {
      Files.createFile(path, attributes(FILE_MODE));
    } catch (FileAlreadyExistsException e) {
      return;
    }
    if (isPosix()) {
      Files.setPosixFilePermissions(path, FILE_MODE);
    }
  }

  private void writeAtomically(byte[] bytes) throws IOException {
    Path temp = Files.createTempFile(file.getParent(), "." + file.getFileName(), ".tmp", attributes(FILE_MODE));
    try {
      try (FileChannel out = FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
        out.write(java.nio.ByteBuffer.wrap(bytes));
        out.force(true);
      }
      try {
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  private boolean isPosix() {
    return file.getFileSystem().supportedFileAttributeViews().contains("posix");
  }

  private FileAttribute<?>[] attributes(Set<PosixFilePermission> mode) {
    return isPosix() ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(mode)} : new FileAttribute<?>[0];
  }

  private static void checkName(String name) {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("secret name must not be empty");
    }
  }

  @Override
  public String toString() {
    return "LocalFileSecretStore{" + file + "}";
  }
}
