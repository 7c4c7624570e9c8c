package dev.ingest.tools.chaos;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A fault that fires once per marker file, across task restarts and job attempts in one JVM or several: the file is
 * created atomically when it fires, so a restarted job runs clean. Serializable: it travels in the job graph.
 */
final class OnceMarker implements Serializable {
  private static final long serialVersionUID = 1L;

  private final String path;

  OnceMarker(Path path) {
    this.path = path.toString();
  }

  /** True exactly once per marker file; {@code what} is written into it (what fired, for the trial's log). */
  boolean fire(String what) {
    try {
      Files.writeString(Path.of(path), what, StandardOpenOption.CREATE_NEW);
      return true;
    } catch (FileAlreadyExistsException already) {
      return false;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Whether the marker's fault fired. */
  static boolean fired(Path marker) {
    return Files.exists(marker);
  }
}
