package dev.ingest.control.store;

import dev.ingest.sinks.runs.RunRow;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Run history in the control-plane database: one row per endpoint per run (the same facts as a pipeline's
 * {@code _ingest_runs} Iceberg table, see {@link RunRow}), so the API and dashboard answer without opening the
 * warehouse. Rows are immutable once recorded; recording one again is a no-op.
 */
public final class RunStore {
  private static final int MAX_ERROR = 8192;
  private static final String COLUMNS = "run_id, endpoint, run_started_at, started_at, ended_at, duration_ms, pages, "
      + "requests, rows_landed, bytes, retries, throttled, waited_ms, errors, status, error_class, error_message, "
      + "decoded_bytes, api_total";

  private final DataSource dataSource;

  public RunStore(DataSource dataSource) {
    this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
  }

  /** Records the rows not yet stored; returns how many were new. */
  public int record(String pipeline, List<RunRow> rows) {
    return record(pipeline, rows, java.util.Map.of());
  }

  /** Whether every one of {@code rows} is stored already (then a sync has nothing to do). */
  public boolean knowsAll(String pipeline, List<RunRow> rows) {
    return Jdbc.inTransaction(dataSource, "check runs of " + pipeline, c -> {
      for (RunRow r : rows) {
        if (!exists(c, pipeline, r)) {
          return false;
        }
      }
      return true;
    });
  }

  /**
   * Records the rows not yet stored, each with the Flink job that ran its run ({@code jobIds}: run id to job id,
   * missing when not known); returns how many were new.
   */
  public int record(String pipeline, List<RunRow> rows, java.util.Map<String, String> jobIds) {
    return Jdbc.inTransaction(dataSource, "record runs of " + pipeline, c -> {
      int added = 0;
      for (RunRow r : rows) {
        if (exists(c, pipeline, r)) {
          continue;
        }
        try (PreparedStatement s = c.prepareStatement("INSERT INTO runs (pipeline, " + COLUMNS
            + ", job_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
          int i = 1;
          s.setString(i++, pipeline);
          s.setString(i++, r.runId());
          s.setString(i++, r.endpoint());
          s.setTimestamp(i++, Jdbc.timestamp(r.runStartedAt()));
          s.setTimestamp(i++, Jdbc.timestamp(r.startedAt()));
          s.setTimestamp(i++, Jdbc.timestamp(r.endedAt()));
          s.setLong(i++, r.durationMs());
          s.setLong(i++, r.pages());
          s.setLong(i++, r.requests());
          s.setLong(i++, r.rows());
          s.setLong(i++, r.bytes());
          s.setLong(i++, r.retries());
          s.setLong(i++, r.throttled());
          s.setLong(i++, r.waitedMillis());
          s.setLong(i++, r.errors());
          s.setString(i++, r.status());
          s.setString(i++, r.errorClass());
          s.setString(i++, truncate(r.errorMessage()));
          setLong(s, i++, r.decodedBytes());
          setLong(s, i++, r.apiTotal());
          s.setString(i, jobIds.get(r.runId()));
          s.executeUpdate();
          added++;
        }
      }
      return added;
    });
  }

  /**
   * The pipeline's endpoint-runs, newest run first (endpoints by name within a run), optionally for one endpoint,
   * at most {@code limit} rows.
   */
  public List<RunRow> list(String pipeline, Optional<String> endpoint, int limit) {
    return Jdbc.inTransaction(dataSource, "list runs of " + pipeline, c -> {
      String sql = "SELECT " + COLUMNS + " FROM runs WHERE pipeline = ?" + (endpoint.isPresent() ? " AND endpoint = ?" : "")
          + " ORDER BY run_started_at DESC, run_id DESC, endpoint LIMIT ?";
      try (PreparedStatement s = c.prepareStatement(sql)) {
        int i = 1;
        s.setString(i++, pipeline);
        if (endpoint.isPresent()) {
          s.setString(i++, endpoint.get());
        }
        s.setInt(i, limit);
        try (ResultSet rs = s.executeQuery()) {
          List<RunRow> out = new ArrayList<>();
          while (rs.next()) {
            out.add(map(rs));
          }
          return out;
        }
      }
    });
  }

  /** The endpoint-runs of the pipeline's latest run (by run start time), empty when it never ran. */
  public List<RunRow> latestRun(String pipeline) {
    return Jdbc.inTransaction(dataSource, "read latest run of " + pipeline, c -> {
      try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM runs WHERE pipeline = ? AND run_id = "
          + "(SELECT run_id FROM runs WHERE pipeline = ? ORDER BY run_started_at DESC, run_id DESC LIMIT 1) "
          + "ORDER BY endpoint")) {
        s.setString(1, pipeline);
        s.setString(2, pipeline);
        try (ResultSet rs = s.executeQuery()) {
          List<RunRow> out = new ArrayList<>();
          while (rs.next()) {
            out.add(map(rs));
          }
          return out;
        }
      }
    });
  }

  /** The endpoint-runs of one run, by endpoint; empty when the pipeline has no such run. */
  public List<RunRow> run(String pipeline, String runId) {
    return Jdbc.inTransaction(dataSource, "read run " + runId + " of " + pipeline, c -> {
      try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM runs WHERE pipeline = ? AND run_id = ? "
          + "ORDER BY endpoint")) {
        s.setString(1, pipeline);
        s.setString(2, runId);
        try (ResultSet rs = s.executeQuery()) {
          List<RunRow> out = new ArrayList<>();
          while (rs.next()) {
            out.add(map(rs));
          }
          return out;
        }
      }
    });
  }

  /** The Flink job that ran the run, when known. */
  public Optional<String> jobId(String pipeline, String runId) {
    return Jdbc.inTransaction(dataSource, "read job of run " + runId, c -> {
      try (PreparedStatement s = c.prepareStatement("SELECT MAX(job_id) FROM runs WHERE pipeline = ? AND run_id = ?")) {
        s.setString(1, pipeline);
        s.setString(2, runId);
        try (ResultSet rs = s.executeQuery()) {
          return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.<String>empty();
        }
      }
    });
  }

  /** When the pipeline's latest run whose every endpoint succeeded ended, empty when none did. */
  public Optional<java.time.Instant> lastSucceeded(String pipeline) {
    return Jdbc.inTransaction(dataSource, "read last successful run of " + pipeline, c -> {
      try (PreparedStatement s = c.prepareStatement("SELECT MAX(r.ended_at) FROM runs r WHERE r.pipeline = ? AND NOT "
          + "EXISTS (SELECT 1 FROM runs f WHERE f.pipeline = r.pipeline AND f.run_id = r.run_id AND f.status <> ?)")) {
        s.setString(1, pipeline);
        s.setString(2, "SUCCEEDED");
        try (ResultSet rs = s.executeQuery()) {
          java.sql.Timestamp t = rs.next() ? rs.getTimestamp(1) : null;
          return Optional.ofNullable(t).map(java.sql.Timestamp::toInstant);
        }
      }
    });
  }

  private static boolean exists(java.sql.Connection c, String pipeline, RunRow r) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(
        "SELECT 1 FROM runs WHERE pipeline = ? AND run_id = ? AND endpoint = ?")) {
      s.setString(1, pipeline);
      s.setString(2, r.runId());
      s.setString(3, r.endpoint());
      try (ResultSet rs = s.executeQuery()) {
        return rs.next();
      }
    }
  }

  private static void setLong(PreparedStatement s, int i, Long value) throws SQLException {
    if (value == null) {
      s.setNull(i, java.sql.Types.BIGINT);
    } else {
      s.setLong(i, value);
    }
  }

  private static Long nullableLong(ResultSet rs, String column) throws SQLException {
    return rs.getObject(column) == null ? null : rs.getLong(column);
  }

  private static String truncate(String message) {
    return message == null || message.length() <= MAX_ERROR ? message : message.substring(0, MAX_ERROR - 1) + "…";
  }

  private static RunRow map(ResultSet rs) throws SQLException {
    return new RunRow(
        rs.getString("run_id"),
        rs.getString("endpoint"),
        rs.getTimestamp("run_started_at").getTime(),
        rs.getTimestamp("started_at").getTime(),
        rs.getTimestamp("ended_at").getTime(),
        rs.getLong("duration_ms"),
        rs.getLong("pages"),
        rs.getLong("requests"),
        rs.getLong("rows_landed"),
        rs.getLong("bytes"),
        rs.getLong("retries"),
        rs.getLong("throttled"),
        rs.getLong("waited_ms"),
        rs.getLong("errors"),
        rs.getString("status"),
        rs.getString("error_class"),
        rs.getString("error_message"),
        null,
        null,
        nullableLong(rs, "decoded_bytes"),
        nullableLong(rs, "api_total"));
  }
}
