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
 * Alerts in the control-plane database: per-pipeline alert settings (opaque JSON text, parsed by the alerts
 * package), the alerts raised (the primary key (pipeline, alert key) is the dedupe: an alert is raised once), and
 * each channel's delivery outcome. Texts stored here are already free of secrets.
 */
public final class AlertStore {
  private static final int MAX_TEXT = 2048;

  private final DataSource dataSource;

  public AlertStore(DataSource dataSource) {
    this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
  }

  /** One raised alert as stored. */
  public record Raised(String pipeline, String key, String kind, String runId, String summary, Instant raisedAt) {}

  /** One channel's delivery of an alert: PENDING, DELIVERED or FAILED after {@code attempts} tries. */
  public record Delivery(String pipeline, String key, String channel, String status, int attempts, String lastError,
      Instant updatedAt) {}

  /** The pipeline's alert settings as JSON text, empty when it has none of its own. */
  public Optional<String> settings(String pipeline) {
    return Jdbc.inTransaction(dataSource, "read alert settings of " + pipeline, c -> {
      try (PreparedStatement s = c.prepareStatement("SELECT settings FROM alert_settings WHERE pipeline = ?")) {
        s.setString(1, pipeline);
        try (ResultSet rs = s.executeQuery()) {
          return rs.next() ? Optional.of(rs.getString(1)) : Optional.<String>empty();
        }
      }
    });
  }

  /** Stores (replaces) the pipeline's alert settings. */
  public void putSettings(String pipeline, String json, Instant now) {
    Jdbc.inTransaction(dataSource, "write alert settings of " + pipeline, c -> {
      try (PreparedStatement d = c.prepareStatement("DELETE FROM alert_settings WHERE pipeline = ?")) {
        d.setString(1, pipeline);
        d.executeUpdate();
      }
      try (PreparedStatement s = c.prepareStatement(
          "INSERT INTO alert_settings (pipeline, settings, updated_at) VALUES (?, ?, ?)")) {
        s.setString(1, pipeline);
        s.setString(2, json);
        s.setTimestamp(3, Jdbc.timestamp(now));
        s.executeUpdate();
      }
      return null;
    });
  }

  /**
   * Records the alert and a PENDING delivery per channel, unless an alert with the same pipeline and key was
   * raised before: returns whether it is new (only then must it be delivered).
   */
  public boolean raise(Raised alert, List<String> channels) {
    try {
      return Jdbc.inTransaction(dataSource, "raise alert " + alert.key() + " of " + alert.pipeline(), c -> {
        if (exists(c, alert.pipeline(), alert.key())) {
          return false;
        }
        try (PreparedStatement s = c.prepareStatement("INSERT INTO alerts (pipeline, alert_key, kind, run_id, summary, "
            + "raised_at) VALUES (?, ?, ?, ?, ?, ?)")) {
          s.setString(1, alert.pipeline());
          s.setString(2, alert.key());
          s.setString(3, alert.kind());
          s.setString(4, alert.runId());
          s.setString(5, truncate(alert.summary()));
          s.setTimestamp(6, Jdbc.timestamp(alert.raisedAt()));
          s.executeUpdate();
        }
        for (String channel : channels) {
          insertDelivery(c, alert.pipeline(), alert.key(), channel, alert.raisedAt());
        }
        return true;
      });
    } catch (StoreException e) {
      if (e.getCause() instanceof SQLException sql && Jdbc.isUniqueViolation(sql)) {
        return false; // raised concurrently by another control-plane replica
      }
      throw e;
    }
  }

  /** Whether an alert with this key was raised for the pipeline. */
  public boolean raised(String pipeline, String key) {
    return Jdbc.inTransaction(dataSource, "read alert " + key, c -> exists(c, pipeline, key));
  }

  /** Records the outcome of one channel's delivery attempt(s). */
  public void delivered(String pipeline, String key, String channel, String status, int attempts, String lastError,
      Instant now) {
    Jdbc.inTransaction(dataSource, "record delivery of alert " + key, c -> {
      try (PreparedStatement s = c.prepareStatement("UPDATE alert_deliveries SET status = ?, attempts = ?, "
          + "last_error = ?, updated_at = ? WHERE pipeline = ? AND alert_key = ? AND channel = ?")) {
        s.setString(1, status);
        s.setInt(2, attempts);
        s.setString(3, truncate(lastError));
        s.setTimestamp(4, Jdbc.timestamp(now));
        s.setString(5, pipeline);
        s.setString(6, key);
        s.setString(7, channel);
        s.executeUpdate();
      }
      return null;
    });
  }

  /** The latest alerts, newest first, optionally of one pipeline. */
  public List<Raised> recent(Optional<String> pipeline, int limit) {
    return Jdbc.inTransaction(dataSource, "list alerts", c -> {
      try (PreparedStatement s = c.prepareStatement("SELECT pipeline, alert_key, kind, run_id, summary, raised_at "
          + "FROM alerts" + (pipeline.isPresent() ? " WHERE pipeline = ?" : "")
          + " ORDER BY raised_at DESC, alert_key LIMIT ?")) {
        int i = 1;
        if (pipeline.isPresent()) {
          s.setString(i++, pipeline.get());
        }
        s.setInt(i, limit);
        try (ResultSet rs = s.executeQuery()) {
          List<Raised> out = new ArrayList<>();
          while (rs.next()) {
            out.add(new Raised(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getTimestamp(6).toInstant()));
          }
          return out;
        }
      }
    });
  }

  /** The deliveries of one alert, by channel. */
  public List<Delivery> deliveries(String pipeline, String key) {
    return Jdbc.inTransaction(dataSource, "list deliveries of alert " + key, c -> {
      try (PreparedStatement s = c.prepareStatement("SELECT channel, status, attempts, last_error, updated_at "
          + "FROM alert_deliveries WHERE pipeline = ? AND alert_key = ? ORDER BY channel")) {
        s.setString(1, pipeline);
        s.setString(2, key);
        try (ResultSet rs = s.executeQuery()) {
          List<Delivery> out = new ArrayList<>();
          while (rs.next()) {
            out.add(new Delivery(pipeline, key, rs.getString(1), rs.getString(2), rs.getInt(3), rs.getString(4),
                rs.getTimestamp(5).toInstant()));
          }
          return out;
        }
      }
    });
  }

  private static boolean exists(Connection c, String pipeline, String key) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT 1 FROM alerts WHERE pipeline = ? AND alert_key = ?")) {
      s.setString(1, pipeline);
      s.setString(2, key);
      try (ResultSet rs = s.executeQuery()) {
        return rs.next();
      }
    }
  }

  private static void insertDelivery(Connection c, String pipeline, String key, String channel, Instant at)
      throws SQLException {
    try (PreparedStatement s = c.prepareStatement("INSERT INTO alert_deliveries (pipeline, alert_key, channel, status, "
        + "attempts, updated_at) VALUES (?, ?, ?, 'PENDING', 0, ?)")) {
      s.setString(1, pipeline);
      s.setString(2, key);
      s.setString(3, channel);
      s.setTimestamp(4, Jdbc.timestamp(at));
      s.executeUpdate();
    }
  }

  private static String truncate(String text) {
    return text == null || text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT - 1) + "…";
  }
}
