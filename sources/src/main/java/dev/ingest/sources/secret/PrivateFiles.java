package dev.ingest.sources.secret;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Files only their owner may read: directories with mode 0700, files with mode 0600, replaced atomically (temp
 * file in the same directory, fsync, atomic move) and updated under an exclusive lock that holds across processes
 * (a {@code .lock} file) and across threads of this JVM.
 */
final class PrivateFiles {
  private static final Set<PosixFilePermission> FILE_MODE = PosixFilePermissions.fromString("rw-------");
  private static final Set<PosixFilePermission> DIR_MODE = PosixFilePermissions.fromString("rwx------");
  private static final Map<Path, Object> MONITORS = new ConcurrentHashMap<>();

  private PrivateFiles() {}

  /** Work done while holding a file's lock. */
  interface Locked<T> {
    T run() throws IOException;
  }

  /** Runs {@code work} holding the exclusive lock of {@code file} ({@code <file>.lock}, created 0600). */
  static <T> T withLock(Path file, Locked<T> work) throws IOException {
    synchronized (MONITORS.computeIfAbsent(file, f -> new Object())) {
      ensureDirectory(file.getParent());
      Path lockFile = file.resolveSibling(file.getFileName() + ".lock");
      createPrivateFile(lockFile);
      try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE);
          FileLock lock = channel.lock()) {
        return work.run();
      }
    }
  }

  /** Creates {@code dir} and its missing parents; a directory it creates gets mode 0700. */
  static void ensureDirectory(Path dir) throws IOException {
    if (dir == null || Files.isDirectory(dir)) {
      return;
    }
    Files.createDirectories(dir, attributes(dir, DIR_MODE));
    if (isPosix(dir)) {
      Files.setPosixFilePermissions(dir, DIR_MODE); // createDirectories is subject to the umask
    }
  }

  /** Creates an empty file with mode 0600 unless it exists. */
  static void createPrivateFile(Path path) throws IOException {
    try {
      Files.createFile(path, attributes(path, FILE_MODE));
    } catch (FileAlreadyExistsException e) {
      return;
    }
    if (isPosix(path)) {
      Files.setPosixFilePermissions(path, FILE_MODE);
    }
  }

  /** Replaces {@code file} with {@code bytes} atomically; the new file has mode 0600. */
  static void writeAtomically(Path file, byte[] bytes) throws IOException {
    ensureDirectory(file.getParent());
    Path temp = Files.createTempFile(file.getParent(), "." + file.getFileName(), ".tmp", attributes(file, FILE_MODE));
    try {
      try (FileChannel out = FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
        out.write(ByteBuffer.wrap(bytes));
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

  /** Fails when group or others may read or write {@code file}; {@code what} names it in the message. */
  static void checkOwnerOnly(Path file, String what) throws IOException {
    if (!isPosix(file)) {
      return;
    }
    Set<PosixFilePermission> mode = Files.getPosixFilePermissions(file);
    EnumSet<PosixFilePermission> wider = EnumSet.noneOf(PosixFilePermission.class);
    wider.addAll(mode);
    wider.removeAll(FILE_MODE);
    if (!wider.isEmpty()) {
      throw new IOException(what + " " + file + " has mode " + PosixFilePermissions.toString(mode)
          + ", which lets other users read it; run: chmod 600 " + file);
    }
  }

  private static boolean isPosix(Path path) {
    return path.getFileSystem().supportedFileAttributeViews().contains("posix");
  }

  private static FileAttribute<?>[] attributes(Path path, Set<PosixFilePermission> mode) {
    return isPosix(path) ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(mode)} : new FileAttribute<?>[0];
  }
}
