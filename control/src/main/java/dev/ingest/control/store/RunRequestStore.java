package dev.ingest.control.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Run requests in the control-plane database (table {@code run_requests}): each pipeline's requests by increasing
 * id, with the run that serves each once its job reported it. What a request's state is (waiting, accepted,
 * started) is worked out from the job's polls by the control API; this store only keeps the rows.
 */
public final class RunRequestStore {
  private final DataSource dataSource;

  public RunRequestStore(DataSource dataSource) {
    this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
  }

  /** One stored request. */
  public record Row(long id, Instant requestedAt, Optional<String> runId) {}

  /**
   * Stores a new request of {@code pipeline} with an id above every stored one (of any pipeline) and at least
   * {@code minId} (the clock's milliseconds, so ids keep increasing when the table was emptied); returns it.
   */
  public Row add(String pipeline, long minId, Instant now) {
    for (int attempt = 1; ; attempt++) {
      try {
        return Jdbc.inTransaction(dataSource, "add a run request of " + pipeline, c -> {
          long id = Math.max(maxId(c) + 1, minId);
          try (PreparedStatement s = c.prepareStatement(
              "INSERT INTO run_requests (pipeline, id, requested_at) VALUES (?, ?, ?)")) {
            s.setString(1, pipeline);
            s.setLong(2, id);
            s.setTimestamp(3, Jdbc.timestamp(now));
            s.executeUpdate();
          }
          return new Row(id, now, Optional.empty());
        });
      } catch (StoreException e) {
        // two replicas picked the same id at once: the loser takes the next one (bounded: a few tries)
        if (attempt >= 5 || !(e.getCause() instanceof SQLException sql && Jdbc.isUniqueViolation(sql))) {
          throw e;
        }
      }
    }
  }

  /** The pipeline's requests, by increasing id. */
  public List<Row> list(String pipeline) {
    return Jdbc.inTransaction(dataSource, "read run requests of " + pipeline, c -> {
      try (PreparedStatement s = c.prepareStatement(
          "SELECT id, requested_at, run_id FROM run_requests WHERE pipeline = ? ORDER BY id")) {
        s.setString(1, pipeline);
        try (ResultSet rs = s.executeQuery()) {
          List<Row> rows = new ArrayList<>();
          while (rs.next()) {
            rows.add(new Row(rs.getLong(1), rs.getTimestamp(2).toInstant(), Optional.ofNullable(rs.getString(3))));
          }
          return rows;
        }
      }
    });
  }

  /**
   * Applies a poll of the pipeline's job: requests above {@code startedThrough} lose their run (the job restored
   * from before it), those up to it without a run get {@code startedRun}; then deletes the oldest started ones
   * beyond the newest {@code keepStarted}.
   */
  public void applyPoll(String pipeline, long startedThrough, Optional<String> startedRun, int keepStarted) {
    Jdbc.inTransaction(dataSource, "record a run-request poll of " + pipeline, c -> {
      try (PreparedStatement s = c.prepareStatement(
          "UPDATE run_requests SET run_id = NULL WHERE pipeline = ? AND id > ? AND run_id IS NOT NULL")) {
        s.setString(1, pipeline);
        s.setLong(2, startedThrough);
        s.executeUpdate();
      }
      if (startedRun.isPresent()) {
        try (PreparedStatement s = c.prepareStatement(
            "UPDATE run_requests SET run_id = ? WHERE pipeline = ? AND id <= ? AND run_id IS NULL")) {
          s.setString(1, startedRun.get());
          s.setString(2, pipeline);
          s.setLong(3, startedThrough);
          s.executeUpdate();
        }
      }
      Long oldestKept = null;
      try (PreparedStatement s = c.prepareStatement(
          "SELECT id FROM run_requests WHERE pipeline = ? AND id <= ? ORDER BY id DESC")) {
        s.setString(1, pipeline);
        s.setLong(2, startedThrough);
        s.setMaxRows(keepStarted);
        try (ResultSet rs = s.executeQuery()) {
          int n = 0;
          while (rs.next()) {
            oldestKept = rs.getLong(1);
            n++;
          }
          if (n < keepStarted) {
            oldestKept = null;
          }
        }
      }
      if (oldestKept != null) {
        try (PreparedStatement d = c.prepareStatement(
            "DELETE FROM run_requests WHERE pipeline = ? AND id < ?")) {
          d.setString(1, pipeline);
          d.setLong(2, oldestKept);
          d.executeUpdate();
        }
      }
      return null;
    });
  }

  /** Deletes the pipeline's requests. */
  public void forget(String pipeline) {
    Jdbc.inTransaction(dataSource, "delete run requests of " + pipeline, c -> {
      try (PreparedStatement d = c.prepareStatement("DELETE FROM run_requests WHERE pipeline = ?")) {
        d.setString(1, pipeline);
        d.executeUpdate();
      }
      return null;
    });
  }

  private static long maxId(Connection c) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT MAX(id) FROM run_requests");
        ResultSet rs = s.executeQuery()) {
      return rs.next() ? rs.getLong(1) : 0;
    }
  }
}
