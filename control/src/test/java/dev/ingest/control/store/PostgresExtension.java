package dev.ingest.control.store;

import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives a test a {@link StoreConfig} for a fresh database on a real PostgreSQL server, started once per test JVM
 * (see {@link EmbeddedPostgres}) and stopped when the JVM's tests end. Tests are skipped, with a message saying
 * how to install PostgreSQL, only when its binaries are absent.
 */
public final class PostgresExtension implements ParameterResolver {
  static final String MISSING = "PostgreSQL binaries not found under /usr/lib/postgresql/<version>/bin: "
      + "install them (Debian: apt-get install -y postgresql) to run the PostgreSQL store tests";

  private static final class Server implements ExtensionContext.Store.CloseableResource {
    final EmbeddedPostgres postgres;

    Server(EmbeddedPostgres postgres) {
      this.postgres = postgres;
    }

    @Override
    public void close() throws Throwable {
      postgres.close();
    }
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == StoreConfig.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    Optional<java.nio.file.Path> bin = EmbeddedPostgres.findBinaries();
    Assumptions.assumeTrue(bin.isPresent(), MISSING);
    Server server = context.getRoot().getStore(ExtensionContext.Namespace.create(PostgresExtension.class))
        .getOrComputeIfAbsent("server", key -> {
          try {
            return new Server(EmbeddedPostgres.start(bin.get()));
          } catch (Exception e) {
            throw new IllegalStateException("could not start PostgreSQL from " + bin.get() + ": " + e.getMessage(), e);
          }
        }, Server.class);
    try {
      return server.postgres.newDatabase();
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException("could not create a test database: " + e.getMessage(), e);
    }
  }
}
