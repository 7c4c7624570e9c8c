package dev.ingest.control.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.time.Duration;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * The control-plane database: a pooled {@link DataSource} whose schema Flyway has brought to the latest version
 * ({@code db/migration/V*__*.sql} on the classpath) before anything else touches it. Close it to release the pool.
 */
public final class Database implements AutoCloseable {
  private final HikariDataSource dataSource;
  private final StoreConfig config;
  private final int migrationsApplied;

  private Database(HikariDataSource dataSource, StoreConfig config, int migrationsApplied) {
    this.dataSource = dataSource;
    this.config = config;
    this.migrationsApplied = migrationsApplied;
  }

  /** Connects, migrates the schema and returns the database. */
  public static Database open(StoreConfig config) {
    return open(config, Duration.ofSeconds(30));
  }

  /**
   * As {@link #open(StoreConfig)}, giving up when no connection is made within {@code connectTimeout} (at least
   * 250 ms): for a command that only peeks at the store and must not hang on an unreachable database.
   */
  public static Database open(StoreConfig config, Duration connectTimeout) {
    HikariConfig pool = new HikariConfig();
    pool.setConnectionTimeout(Math.max(250, connectTimeout.toMillis()));
    pool.setJdbcUrl(config.jdbcUrl());
    pool.setUsername(config.user());
    pool.setPassword(config.password());
    pool.setMaximumPoolSize(8);
    pool.setPoolName("ingest-store");
    pool.setDriverClassName(config.isPostgres() ? "org.postgresql.Driver" : "org.h2.Driver");
    HikariDataSource dataSource = new HikariDataSource(pool);
    try {
      MigrateResult result = Flyway.configure()
          .dataSource(dataSource)
          .locations("classpath:db/migration")
          .load()
          .migrate();
      return new Database(dataSource, config, result.migrationsExecuted);
    } catch (RuntimeException e) {
      dataSource.close();
      throw new StoreException("cannot migrate the store at " + config, e);
    }
  }

  public DataSource dataSource() {
    return dataSource;
  }

  /** How many migrations this open applied (0 when the schema was already current). */
  public int migrationsApplied() {
    return migrationsApplied;
  }

  /** Where the store is, with the password redacted. */
  public String describe() {
    return config.toString();
  }

  @Override
  public void close() {
    dataSource.close();
  }
}
