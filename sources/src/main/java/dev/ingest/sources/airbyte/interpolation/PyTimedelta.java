package dev.ingest.sources.airbyte.interpolation;

import java.time.Duration;
import java.time.Period;
import java.util.Objects;

/**
 * An ISO 8601 duration from {@code duration('P1D')}: Python's {@code datetime.timedelta}, or isodate's
 * {@code Duration} when the text has years or months (those are calendar units: added to a date they move the month,
 * as isodate does). {@code str()} follows Python's timedelta ({@code 1 day, 0:00:00}) for the timedelta case.
 */
final class PyTimedelta {

  private final Period calendar;
  private final Duration exact;

  PyTimedelta(Period calendar, Duration exact) {
    this.calendar = Objects.requireNonNull(calendar, "calendar");
    this.exact = Objects.requireNonNull(exact, "exact");
  }

  Period calendar() {
    return calendar;
  }

  Duration exact() {
    return exact;
  }

  PyTimedelta negated() {
    return new PyTimedelta(calendar.negated(), exact.negated());
  }

  /** Python's {@code total_seconds()} (only for a duration without years or months). */
  double totalSeconds() {
    return exact.getSeconds() + exact.getNano() / 1_000_000_000.0;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PyTimedelta
        && ((PyTimedelta) o).calendar.equals(calendar)
        && ((PyTimedelta) o).exact.equals(exact);
  }

  @Override
  public int hashCode() {
    return Objects.hash(calendar, exact);
  }

  @Override
  public String toString() {
    long micros = exact.getSeconds() * 1_000_000L + exact.getNano() / 1000;
    long days = Math.floorDiv(micros, 86_400_000_000L);
    long rest = Math.floorMod(micros, 86_400_000_000L);
    long seconds = rest / 1_000_000L;
    long fraction = rest % 1_000_000L;
    StringBuilder out = new StringBuilder();
    if (!calendar.isZero()) {
      out.append(calendar).append(", ");
    }
    if (days != 0) {
      out.append(days).append(Math.abs(days) == 1 ? " day, " : " days, ");
    }
    out.append(String.format("%d:%02d:%02d", seconds / 3600, (seconds % 3600) / 60, seconds % 60));
    if (fraction != 0) {
      out.append(String.format(".%06d", fraction));
    }
    return out.toString();
  }
}
