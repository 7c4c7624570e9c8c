package dev.ingest.testkit;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.TimeUnit;

/**
 * The independent servers the suite meets, installed from npm into {@code testing/node/node_modules} from the
 * pinned {@code testing/node/package-lock.json}: {@code .ci/run} installs them, and a test that finds them absent
 * installs them itself once ({@code npm ci}, under a file lock so concurrent test JVMs do not race, bounded to five
 * minutes). Without npm or the registry the test fails in CI and is skipped locally ({@link Requirement}).
 */
public final class NodeTools {
  /** How a user or CI installs the tools by hand. */
  public static final String INSTALL = "npm ci --prefix testing/node (Node.js 20 and npm from Debian or nodejs.org)";

  private static final long INSTALL_TIMEOUT_MINUTES = 5;

  private NodeTools() {}

  /** The folder holding {@code package.json}, found by walking up from the working directory. */
  public static Path projectFolder() {
    Path dir = Path.of("").toAbsolutePath();
    for (Path d = dir; d != null; d = d.getParent()) {
      if (Files.isRegularFile(d.resolve("testing/node/package.json"))) {
        return d.resolve("testing/node");
      }
    }
    throw new IllegalStateException("testing/node/package.json not found above " + dir);
  }

  /**
   * The executable of an npm-installed tool ({@code json-server}, {@code prism}, {@code s3rver}), installing the
   * pinned set first if needed; fails (CI) or skips (locally) the calling test when it cannot be had.
   */
  public static Path require(String bin) {
    Path folder = projectFolder();
    Path exe = folder.resolve("node_modules/.bin").resolve(bin);
    if (!Files.isExecutable(exe)) {
      String why = install(folder);
      Requirement.require(Files.isExecutable(exe), bin + " (npm, " + why + ")", INSTALL);
    }
    return exe;
  }

  private static synchronized String install(Path folder) {
    Path lockFile = folder.resolve(".install.lock");
    try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
         FileLock ignored = channel.lock()) {
      if (Files.isDirectory(folder.resolve("node_modules/.bin"))) {
        return "installed by another test JVM";
      }
      Process npm;
      try {
        npm = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund")
            .directory(folder.toFile())
            .redirectErrorStream(true)
            .redirectOutput(folder.resolve("npm-install.log").toFile())
            .start();
      } catch (IOException e) {
        return "npm not runnable: " + e.getMessage();
      }
      if (!npm.waitFor(INSTALL_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
        npm.destroyForcibly();
        return "npm ci did not finish in " + INSTALL_TIMEOUT_MINUTES + " min";
      }
      return npm.exitValue() == 0 ? "installed now" : "npm ci exited " + npm.exitValue() + ", see " + folder.resolve("npm-install.log");
    } catch (IOException e) {
      return "install failed: " + e.getMessage();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "install interrupted";
    }
  }
}
