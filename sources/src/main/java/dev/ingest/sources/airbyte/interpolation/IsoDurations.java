package dev.ingest.sources.airbyte.interpolation;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Period;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code isodate.parse_duration} as Airbyte's {@code duration()} macro uses it: {@code PnYnMnDTnHnMnS} and
 * {@code PnW}, an optional sign, decimal fractions (comma or point) on any component. Years and months stay
 * calendar units ({@link PyTimedelta#calendar()}); weeks, days and time become an exact duration.
 */
final class IsoDurations {

  private static final Pattern DURATION = Pattern.compile(
      "([+-])?P(?:(\\d+(?:[.,]\\d+)?)Y)?(?:(\\d+(?:[.,]\\d+)?)M)?(?:(\\d+(?:[.,]\\d+)?)W)?(?:(\\d+(?:[.,]\\d+)?)D)?"
          + "(?:T(?:(\\d+(?:[.,]\\d+)?)H)?(?:(\\d+(?:[.,]\\d+)?)M)?(?:(\\d+(?:[.,]\\d+)?)S)?)?");

  private IsoDurations() {}

  /**
   * Parses an ISO 8601 duration.
   *
   * @throws IllegalArgumentException when the text is not one (the message shows the expected shape)
   */
  static PyTimedelta parse(String text) {
    Matcher m = DURATION.matcher(text.trim());
    if (!m.matches() || text.trim().equals("P") || text.trim().endsWith("T")) {
      throw new IllegalArgumentException("not an ISO 8601 duration (PnYnMnDTnHnMnS or PnW)");
    }
    int years = whole(m.group(2), "years");
    int months = whole(m.group(3), "months");
    BigDecimal seconds = amount(m.group(4)).multiply(BigDecimal.valueOf(7 * 86_400L))
        .add(amount(m.group(5)).multiply(BigDecimal.valueOf(86_400L)))
        .add(amount(m.group(6)).multiply(BigDecimal.valueOf(3_600L)))
        .add(amount(m.group(7)).multiply(BigDecimal.valueOf(60L)))
        .add(amount(m.group(8)));
    BigDecimal micros = seconds.movePointRight(6).setScale(0, java.math.RoundingMode.HALF_EVEN);
    Duration exact = Duration.ZERO
        .plusSeconds(micros.divideToIntegralValue(BigDecimal.valueOf(1_000_000)).longValueExact())
        .plusNanos(micros.remainder(BigDecimal.valueOf(1_000_000)).longValueExact() * 1000);
    PyTimedelta result = new PyTimedelta(Period.of(years, months, 0), exact);
    return "-".equals(m.group(1)) ? result.negated() : result;
  }

  private static BigDecimal amount(String group) {
    return group == null ? BigDecimal.ZERO : new BigDecimal(group.replace(',', '.'));
  }

  private static int whole(String group, String unit) {
    BigDecimal value = amount(group);
    if (value.stripTrailingZeros().scale() > 0) {
      throw new IllegalArgumentException("fractional " + unit + " are not supported in an ISO 8601 duration");
    }
    return value.intValueExact();
  }
}
