package dev.ingest.control.deploy.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Keeps a folder of savepoints ({@code savepoint-…}) or of jobs' retained checkpoints ({@code <job id>/chk-…}) from
 * piling up: all but the newest {@code keep} entries are deleted, except those named in {@code inUse} (the
 * savepoint or checkpoint a job starts from, the folders of jobs still running).
 */
final class FolderRetention {
  private FolderRetention() {}

  /** Deletes the entries of {@code dir} beyond the newest {@code keep} that are not in {@code inUse}; returns them. */
  static List<Path> keepNewest(Path dir, int keep, Set<String> inUse) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    List<Path> entries;
    try (Stream<Path> list = Files.list(dir)) {
      entries = new ArrayList<>(list.filter(Files::isDirectory).toList());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir, e);
    }
    entries.sort(Comparator.comparing(FolderRetention::modified).reversed());
    List<Path> deleted = new ArrayList<>();
    for (Path entry : entries.subList(Math.min(keep, entries.size()), entries.size())) {
      if (!inUse.contains(entry.getFileName().toString())) {
        deleteTree(entry);
        deleted.add(entry);
      }
    }
    return deleted;
  }

  /** The entry name of {@code dir} that {@code uri} (a savepoint or checkpoint URI) lies in, or empty text. */
  static String entryOf(Path dir, String uri) {
    if (uri == null) {
      return "";
    }
    Path path = uri.startsWith("file:") ? Path.of(java.net.URI.create(uri)) : Path.of(uri);
    Path absolute = dir.toAbsolutePath().normalize();
    Path target = path.toAbsolutePath().normalize();
    return target.startsWith(absolute) && target.getNameCount() > absolute.getNameCount()
        ? target.getName(absolute.getNameCount()).toString() : "";
  }

  private static FileTime modified(Path p) {
    try {
      return Files.getLastModifiedTime(p);
    } catch (IOException e) {
      return FileTime.fromMillis(0);
    }
  }

  private static void deleteTree(Path root) {
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + root, e);
    }
  }
}
