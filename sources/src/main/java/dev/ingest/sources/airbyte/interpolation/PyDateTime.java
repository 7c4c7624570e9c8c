package dev.ingest.sources.airbyte.interpolation;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * A Python {@code datetime.datetime} (always time-zone aware, as every datetime Airbyte's macros produce is) as seen
 * by templates: {@code str()} is Python's ({@code 2024-01-02 03:04:05.123456+00:00}), and the methods manifests call
 * ({@code strftime}, {@code isoformat}, {@code timestamp}, {@code date}, {@code astimezone}) are dispatched by
 * {@link PythonMethods}. Microsecond precision, as in Python.
 */
final class PyDateTime implements Comparable<PyDateTime> {

  private final OffsetDateTime value;

  PyDateTime(OffsetDateTime value) {
    this.value = Objects.requireNonNull(value, "value").truncatedTo(ChronoUnit.MICROS);
  }

  static PyDateTime utc(OffsetDateTime value) {
    return new PyDateTime(value.withOffsetSameInstant(ZoneOffset.UTC));
  }

  OffsetDateTime value() {
    return value;
  }

  /** Python's {@code isoformat(sep)}: microseconds only when not zero, offset as {@code +HH:MM}. */
  String isoformat(String sep) {
    StringBuilder out = new StringBuilder(PyDate.iso(value.toLocalDate())).append(sep);
    out.append(String.format("%02d:%02d:%02d", value.getHour(), value.getMinute(), value.getSecond()));
    int micros = value.getNano() / 1000;
    if (micros != 0) {
      out.append(String.format(".%06d", micros));
    }
    return out.append(Strftime.offset(value.getOffset(), true)).toString();
  }

  /** Python's {@code timestamp()}: seconds since the epoch as a float. */
  double timestamp() {
    long seconds = value.toEpochSecond();
    return seconds + (value.getNano() / 1000) / 1_000_000.0;
  }

  @Override
  public int compareTo(PyDateTime other) {
    return value.toInstant().compareTo(other.value.toInstant());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PyDateTime && ((PyDateTime) o).value.toInstant().equals(value.toInstant());
  }

  @Override
  public int hashCode() {
    return value.toInstant().hashCode();
  }

  @Override
  public String toString() {
    return isoformat(" ");
  }
}
