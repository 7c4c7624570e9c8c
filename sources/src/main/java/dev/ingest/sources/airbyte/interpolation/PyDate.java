package dev.ingest.sources.airbyte.interpolation;

import java.time.LocalDate;
import java.util.Objects;

/**
 * A Python {@code datetime.date} as seen by templates ({@code today_utc()}): {@code str()} is {@code YYYY-MM-DD};
 * {@code strftime} and {@code isoformat} are dispatched by {@link PythonMethods}.
 */
final class PyDate implements Comparable<PyDate> {

  private final LocalDate value;

  PyDate(LocalDate value) {
    this.value = Objects.requireNonNull(value, "value");
  }

  LocalDate value() {
    return value;
  }

  static String iso(LocalDate date) {
    return String.format("%04d-%02d-%02d", date.getYear(), date.getMonthValue(), date.getDayOfMonth());
  }

  @Override
  public int compareTo(PyDate other) {
    return value.compareTo(other.value);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PyDate && ((PyDate) o).value.equals(value);
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }

  @Override
  public String toString() {
    return iso(value);
  }
}
