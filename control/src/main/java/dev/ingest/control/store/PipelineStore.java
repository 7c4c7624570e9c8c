package dev.ingest.control.store;

import dev.ingest.control.model.Deployment;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import javax.sql.DataSource;

/**
 * Pipelines in the control-plane database, with versioned writes: every write names the version it read, and the
 * database applies it only if that version is still current ({@code UPDATE … WHERE version = ?}), so two
 * concurrent updates can never both succeed from the same version — the later one gets a
 * {@link StaleVersionException} and no update is lost.
 */
public final class PipelineStore {
  private static final String COLUMNS = "name, definition, version, state, deployment_id, deployment_target, savepoint, created_at, updated_at";

  private final DataSource dataSource;
  private final Clock clock;

  public PipelineStore(DataSource dataSource, Clock clock) {
    this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** Stores a new pipeline at version 1, undeployed. */
  public StoredPipeline create(String name, String definition) {
    return Jdbc.inTransaction(dataSource, "create pipeline " + name, c -> {
      var now = Jdbc.timestamp(clock.instant());
      try (PreparedStatement s = c.prepareStatement("INSERT INTO pipelines (" + COLUMNS
          + ") VALUES (?, ?, 1, ?, NULL, NULL, NULL, ?, ?)")) {
        s.setString(1, name);
        s.setString(2, definition);
        s.setString(3, PipelineState.UNDEPLOYED.name());
        s.setTimestamp(4, now);
        s.setTimestamp(5, now);
        s.executeUpdate();
      } catch (SQLException e) {
        if (Jdbc.isUniqueViolation(e)) {
          throw new PipelineExistsException(name);
        }
        throw e;
      }
      return read(c, name).orElseThrow();
    });
  }

  public Optional<StoredPipeline> find(String name) {
    return Jdbc.inTransaction(dataSource, "read pipeline " + name, c -> read(c, name));
  }

  /** The pipeline, or a {@link PipelineNotFoundException}. */
  public StoredPipeline get(String name) {
    return find(name).orElseThrow(() -> new PipelineNotFoundException(name));
  }

  /** Every pipeline, by name. */
  public List<StoredPipeline> list() {
    return Jdbc.inTransaction(dataSource, "list pipelines", c -> {
      try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM pipelines ORDER BY name");
          ResultSet rs = s.executeQuery()) {
        List<StoredPipeline> all = new ArrayList<>();
        while (rs.next()) {
          all.add(map(rs));
        }
        return all;
      }
    });
  }

  /** Replaces the definition if the pipeline is still at {@code expectedVersion}; returns the new version. */
  public StoredPipeline update(String name, long expectedVersion, String definition) {
    return write(name, OptionalLong.of(expectedVersion), "update pipeline " + name,
        "definition = ?", s -> s.setString(1, definition));
  }

  /**
   * Replaces the definition and the deployment handle together (a deployed pipeline upgraded to the definition)
   * if the pipeline is still at {@code expectedVersion}.
   */
  public StoredPipeline update(String name, long expectedVersion, String definition, Optional<Deployment> deployment) {
    return write(name, OptionalLong.of(expectedVersion), "update pipeline " + name,
        "definition = ?, deployment_id = ?, deployment_target = ?, savepoint = ?", s -> {
          s.setString(1, definition);
          setDeployment(s, 2, deployment);
        });
  }

  /**
   * Records a deployment state change (and the deployer's handle, empty to clear it), checking
   * {@code expectedVersion} when given. Increments the version.
   */
  public StoredPipeline transition(
      String name, OptionalLong expectedVersion, PipelineState state, Optional<Deployment> deployment) {
    return write(name, expectedVersion, "set pipeline " + name + " to " + state,
        "state = ?, deployment_id = ?, deployment_target = ?, savepoint = ?", s -> {
          s.setString(1, state.name());
          setDeployment(s, 2, deployment);
        });
  }

  /** Deletes the pipeline and its run history, checking {@code expectedVersion} when given. */
  public void delete(String name, OptionalLong expectedVersion) {
    Jdbc.inTransaction(dataSource, "delete pipeline " + name, c -> {
      String sql = "DELETE FROM pipelines WHERE name = ?" + (expectedVersion.isPresent() ? " AND version = ?" : "");
      try (PreparedStatement s = c.prepareStatement(sql)) {
        s.setString(1, name);
        if (expectedVersion.isPresent()) {
          s.setLong(2, expectedVersion.getAsLong());
        }
        if (s.executeUpdate() == 0) {
          throw missingOrStale(c, name, expectedVersion.orElse(-1));
        }
      }
      try (PreparedStatement s = c.prepareStatement("DELETE FROM runs WHERE pipeline = ?")) {
        s.setString(1, name);
        s.executeUpdate();
      }
      return null;
    });
  }

  private interface Binder {
    void bind(PreparedStatement statement) throws SQLException;
  }

  /** {@code UPDATE pipelines SET <assignments>, version = version + 1 … WHERE name = ? [AND version = ?]}. */
  private StoredPipeline write(String name, OptionalLong expectedVersion, String what, String assignments,
      Binder binder) {
    return Jdbc.inTransaction(dataSource, what, c -> {
      String sql = "UPDATE pipelines SET " + assignments + ", version = version + 1, updated_at = ? WHERE name = ?"
          + (expectedVersion.isPresent() ? " AND version = ?" : "");
      int params = (int) assignments.chars().filter(ch -> ch == '?').count();
      try (PreparedStatement s = c.prepareStatement(sql)) {
        binder.bind(s);
        s.setTimestamp(params + 1, Jdbc.timestamp(clock.instant()));
        s.setString(params + 2, name);
        if (expectedVersion.isPresent()) {
          s.setLong(params + 3, expectedVersion.getAsLong());
        }
        if (s.executeUpdate() == 0) {
          throw missingOrStale(c, name, expectedVersion.orElse(-1));
        }
      }
      return read(c, name).orElseThrow();
    });
  }

  private StoreException missingOrStale(Connection c, String name, long expected) throws SQLException {
    return read(c, name)
        .<StoreException>map(p -> new StaleVersionException(name, expected, p.version()))
        .orElseGet(() -> new PipelineNotFoundException(name));
  }

  private static Optional<StoredPipeline> read(Connection c, String name) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM pipelines WHERE name = ?")) {
      s.setString(1, name);
      try (ResultSet rs = s.executeQuery()) {
        return rs.next() ? Optional.of(map(rs)) : Optional.empty();
      }
    }
  }

  private static void setDeployment(PreparedStatement s, int first, Optional<Deployment> deployment)
      throws SQLException {
    s.setString(first, deployment.map(Deployment::id).orElse(null));
    s.setString(first + 1, deployment.map(Deployment::target).orElse(null));
    s.setString(first + 2, deployment.map(Deployment::savepoint).orElse(null));
  }

  private static Optional<Deployment> deployment(ResultSet rs) throws SQLException {
    String id = rs.getString("deployment_id");
    if (id == null) {
      return Optional.empty();
    }
    return Optional.of(new Deployment(rs.getString("name"), rs.getString("deployment_target"), id,
        rs.getString("savepoint")));
  }

  private static StoredPipeline map(ResultSet rs) throws SQLException {
    return new StoredPipeline(
        rs.getString("name"),
        rs.getString("definition"),
        rs.getLong("version"),
        PipelineState.valueOf(rs.getString("state")),
        deployment(rs),
        rs.getTimestamp("created_at").toInstant(),
        rs.getTimestamp("updated_at").toInstant());
  }
}
