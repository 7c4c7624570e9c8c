package dev.ingest.control.alerts;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** What an alert is about; {@link #wire()} is its name in settings and payloads. */
public enum AlertKind {
  /** A run ended with an endpoint failed for a reason other than its credential. */
  RUN_FAILED("run failed"),
  /** A run's credential was rejected (HTTP 401/403 after any refresh). */
  AUTH_FAILED("credential rejected"),
  /** No successful run within the configured multiple of the schedule interval. */
  STALE("no successful run");

  private final String title;

  AlertKind(String title) {
    this.title = title;
  }

  /** The lower-case name used in settings and payloads: {@code run_failed}, {@code auth_failed}, {@code stale}. */
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** A few words for subjects and messages. */
  public String title() {
    return title;
  }

  /** The kind named {@code wire}; an unknown name fails listing the known ones. */
  public static AlertKind fromWire(String field, String wire) {
    for (AlertKind k : values()) {
      if (k.wire().equals(wire)) {
        return k;
      }
    }
    throw new AlertSettingsException(field, "unknown alert '" + wire + "' (expected one of "
        + Arrays.stream(values()).map(AlertKind::wire).collect(Collectors.joining(", ")) + ")");
  }
}
