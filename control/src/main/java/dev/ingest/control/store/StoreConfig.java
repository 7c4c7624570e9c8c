package dev.ingest.control.store;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where the control-plane store lives: a JDBC URL with its user and password. PostgreSQL in production
 * ({@code jdbc:postgresql://host:5432/ingest}); the embedded default is an H2 file under the Ingest home that needs
 * no server. The password never appears in {@link #toString()}.
 *
 * @param jdbcUrl the JDBC URL; {@code jdbc:postgresql:} and {@code jdbc:h2:} are supported
 * @param user the database user, or empty
 * @param password the database password, or empty
 */
public record StoreConfig(String jdbcUrl, String user, String password) {
  /** Environment variables read by {@link #fromEnvironment}. */
  public static final String URL_ENV = "INGEST_DB_URL";
  public static final String USER_ENV = "INGEST_DB_USER";
  public static final String PASSWORD_ENV = "INGEST_DB_PASSWORD";

  public StoreConfig {
    Objects.requireNonNull(jdbcUrl, "jdbcUrl");
    if (!jdbcUrl.startsWith("jdbc:postgresql:") && !jdbcUrl.startsWith("jdbc:h2:")) {
      throw new IllegalArgumentException("database url: expected jdbc:postgresql:… or jdbc:h2:…, got '"
          + redactUrl(jdbcUrl) + "'");
    }
    user = user == null ? "" : user;
    password = password == null ? "" : password;
  }

  /** The embedded default: an H2 database file {@code <dir>/ingest.mv.db}. */
  public static StoreConfig embedded(Path dir) {
    return new StoreConfig("jdbc:h2:file:" + dir.toAbsolutePath().resolve("ingest") + ";DB_CLOSE_ON_EXIT=FALSE",
        "ingest", "");
  }

  /**
   * {@code $INGEST_DB_URL} (with {@code $INGEST_DB_USER} and {@code $INGEST_DB_PASSWORD}) when set, otherwise the
   * embedded store in {@code embeddedDir}.
   */
  public static StoreConfig fromEnvironment(java.util.Map<String, String> env, Path embeddedDir) {
    String url = env.get(URL_ENV);
    if (url == null || url.isBlank()) {
      return embedded(embeddedDir);
    }
    return new StoreConfig(url.strip(), env.get(USER_ENV), env.get(PASSWORD_ENV));
  }

  /** True for PostgreSQL, false for the embedded H2 store. */
  public boolean isPostgres() {
    return jdbcUrl.startsWith("jdbc:postgresql:");
  }

  private static String redactUrl(String url) {
    return url.replaceAll("(?i)(password=)[^&;]*", "$1***");
  }

  @Override
  public String toString() {
    return "StoreConfig{" + redactUrl(jdbcUrl) + ", user=" + user + ", password=" + (password.isEmpty() ? "" : "***") + "}";
  }
}
