package dev.ingest.control.store;

import java.util.Optional;
import dev.ingest.testkit.Requirement;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives a test a {@link StoreConfig} for a fresh database on a real PostgreSQL server, started once per test JVM
 * (see {@link EmbeddedPostgres}) and stopped when the JVM's tests end. When its binaries are absent the tests fail
 * under CI and are skipped locally with one line saying how to install PostgreSQL ({@link Requirement}).
 */
public final class PostgresExtension implements ParameterResolver {
  static final String MISSING = "PostgreSQL server binaries (/usr/lib/postgresql/<version>/bin)";

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
    Requirement.require(bin.isPresent(), MISSING, "apt-get install -y postgresql (.ci/run does)");
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
