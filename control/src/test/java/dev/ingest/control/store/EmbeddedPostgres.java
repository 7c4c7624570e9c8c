package dev.ingest.control.store;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A real PostgreSQL server for tests, from the operating system's packages (Debian: {@code apt-get install -y
 * postgresql}): {@code initdb} into a temp dir, {@code pg_ctl start} on a free loopback port, stopped and deleted
 * on {@link #close()}. PostgreSQL refuses to run as root, so when the tests run as root the server runs as the
 * {@code postgres} (or {@code nobody}) user through {@code runuser}.
 */
final class EmbeddedPostgres implements AutoCloseable {
  static final String SUPERUSER = "ingest";
  private static final AtomicInteger DATABASES = new AtomicInteger();

  private final Path bin;
  private final Path dir;
  private final Optional<String> runAs;
  private final int port;

  private EmbeddedPostgres(Path bin, Path dir, Optional<String> runAs, int port) {
    this.bin = bin;
    this.dir = dir;
    this.runAs = runAs;
    this.port = port;
  }

  /** The newest {@code /usr/lib/postgresql/<major>/bin} holding {@code initdb} and {@code pg_ctl}, if any. */
  static Optional<Path> findBinaries() {
    Path root = Path.of("/usr/lib/postgresql");
    if (!Files.isDirectory(root)) {
      return Optional.empty();
    }
    try (Stream<Path> versions = Files.list(root)) {
      return versions.map(v -> v.resolve("bin"))
          .filter(b -> Files.isExecutable(b.resolve("initdb")) && Files.isExecutable(b.resolve("pg_ctl")))
          .max(Comparator.comparing(b -> versionOf(b.getParent())));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private static int versionOf(Path dir) {
    try {
      return Integer.parseInt(dir.getFileName().toString().replaceAll("\\D.*", ""));
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  /** Initialises and starts a server; fails with the server's log when it does not come up. */
  static EmbeddedPostgres start(Path bin) throws IOException, InterruptedException {
    Optional<String> runAs = isRoot() ? Optional.of(unprivilegedUser()) : Optional.empty();
    Path dir = Files.createTempDirectory("ingest-pg");
    if (runAs.isPresent()) {
      UserPrincipal owner = dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(runAs.get());
      Files.setOwner(dir, owner);
    }
    int port = freePort();
    EmbeddedPostgres pg = new EmbeddedPostgres(bin, dir, runAs, port);
    pg.run(List.of(bin.resolve("initdb").toString(), "-D", dir.resolve("data").toString(), "-U", SUPERUSER,
        "--auth=trust", "--encoding=UTF8", "--no-sync"), 120);
    pg.run(List.of(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-w", "-t", "60",
        "-l", dir.resolve("server.log").toString(), "-o",
        "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off",
        "start"), 90);
    return pg;
  }

  /** A fresh, empty database on this server. */
  StoreConfig newDatabase() throws SQLException {
    String name = "ingest_test_" + DATABASES.incrementAndGet();
    try (Connection c = DriverManager.getConnection(url("postgres"), SUPERUSER, "");
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name);
    }
    return new StoreConfig(url(name), SUPERUSER, "");
  }

  private String url(String database) {
    return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
  }

  @Override
  public void close() throws Exception {
    try {
      run(List.of(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-m", "immediate", "-w",
          "stop"), 60);
    } finally {
      try (Stream<Path> walk = Files.walk(dir)) {
        walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private void run(List<String> command, int timeoutSeconds) throws IOException, InterruptedException {
    List<String> full = new ArrayList<>();
    runAs.ifPresent(user -> full.addAll(List.of("runuser", "-u", user, "--")));
    full.addAll(command);
    Path output = Files.createTempFile("ingest-pg", ".out");
    try {
      Process p = new ProcessBuilder(full).redirectErrorStream(true).redirectOutput(output.toFile()).start();
      if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IOException(String.join(" ", command) + " did not finish in " + timeoutSeconds + " s");
      }
      if (p.exitValue() != 0) {
        Path log = dir.resolve("server.log");
        throw new IOException(String.join(" ", command) + " exited " + p.exitValue() + ":\n"
            + Files.readString(output) + (Files.exists(log) ? "\nserver log:\n" + Files.readString(log) : ""));
      }
    } finally {
      Files.deleteIfExists(output);
    }
  }

  private static boolean isRoot() {
    return "root".equals(System.getProperty("user.name"));
  }

  private static String unprivilegedUser() throws IOException {
    List<String> passwd = Files.readAllLines(Path.of("/etc/passwd"));
    for (String candidate : List.of("postgres", "nobody")) {
      if (passwd.stream().anyMatch(line -> line.startsWith(candidate + ":"))) {
        return candidate;
      }
    }
    throw new IOException("running as root, and neither a 'postgres' nor a 'nobody' user exists to run PostgreSQL");
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
