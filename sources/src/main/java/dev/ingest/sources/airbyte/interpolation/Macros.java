package dev.ingest.sources.airbyte.interpolation;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/**
 * Airbyte's interpolation macros ({@code airbyte_cdk/sources/declarative/interpolation/macros.py}) as static
 * functions Jinjava calls: {@code now_utc}, {@code today_utc}, {@code today_with_timezone}, {@code timestamp},
 * {@code str_to_datetime}, {@code max}, {@code min}, {@code day_delta}, {@code duration}, {@code format_datetime},
 * {@code sanitize_url}, {@code camel_case_to_snake_case}, {@code generate_uuid}. Time comes from the evaluation's
 * clock ({@link EvaluationScope}), so tests fix it. Public only because Jinjava calls the functions by reflection;
 * templates are their only intended callers.
 */
public final class Macros {

  private Macros() {}

  /** {@code now_utc()}: the current UTC date-time. */
  public static Object now_utc() {
    return PyDateTime.utc(OffsetDateTime.ofInstant(EvaluationScope.now(), ZoneOffset.UTC));
  }

  /** {@code today_utc()}: the current UTC date. */
  public static Object today_utc() {
    return new PyDate(OffsetDateTime.ofInstant(EvaluationScope.now(), ZoneOffset.UTC).toLocalDate());
  }

  /** {@code today_with_timezone('Pacific/Tarawa')}: the current date in an IANA time zone. */
  public static Object today_with_timezone(Object zone) {
    return new PyDate(EvaluationScope.now().atZone(zone(zone)).toLocalDate());
  }

  /** {@code timestamp(x)}: a number truncated to an int, or a date text parsed and turned into epoch seconds. */
  public static Object timestamp(Object value) {
    if (value instanceof Number) {
      return toInt((Number) value);
    }
    return ((PyDateTime) str_to_datetime(value)).timestamp();
  }

  /** {@code str_to_datetime('2022-01-14')}: an ISO 8601 text as a UTC date-time (UTC assumed without offset). */
  public static Object str_to_datetime(Object text) {
    if (!(text instanceof String)) {
      throw new IllegalArgumentException("str_to_datetime() expects a string, not " + PythonMethods.typeName(text));
    }
    return PyDateTime.utc(IsoDates.parse((String) text));
  }

  /** {@code max(a, b, ...)} or {@code max(list)}: Python's builtin. */
  public static Object max(Object... args) {
    return extreme(args, true);
  }

  /** {@code min(a, b, ...)} or {@code min(list)}: Python's builtin. */
  public static Object min(Object... args) {
    return extreme(args, false);
  }

  /** {@code day_delta(n, format='%Y-%m-%dT%H:%M:%S.%f%z')}: now plus n days, formatted. */
  public static Object day_delta(Object days, Object... format) {
    String pattern = format.length > 0 && format[0] != null ? (String) format[0] : "%Y-%m-%dT%H:%M:%S.%f%z";
    double n = ((Number) days).doubleValue();
    long micros = Math.round(n * 86_400_000_000.0);
    Instant at = EvaluationScope.now().plusSeconds(Math.floorDiv(micros, 1_000_000L))
        .plusNanos(Math.floorMod(micros, 1_000_000L) * 1000);
    return Strftime.format(OffsetDateTime.ofInstant(at, ZoneOffset.UTC), pattern);
  }

  /** {@code duration('P1D')}: an ISO 8601 duration (a timedelta, or a calendar duration with years or months). */
  public static Object duration(Object text) {
    if (!(text instanceof String)) {
      throw new IllegalArgumentException("duration() expects a string, not " + PythonMethods.typeName(text));
    }
    return IsoDurations.parse((String) text);
  }

  /**
   * {@code format_datetime(dt, format, input_format=None)}: a datetime formatted with Python's strftime; an int read
   * as epoch seconds (or with input_format); a text parsed with input_format or as ISO 8601; formatted as Airbyte's
   * DatetimeParser does ({@code %s}, {@code %ms}, {@code %s_as_float}, {@code %epoch_microseconds}, {@code %_ms}).
   */
  public static Object format_datetime(Object dt, Object format, Object... inputFormat) {
    String pattern = (String) format;
    String input = inputFormat.length > 0 && inputFormat[0] != null ? (String) inputFormat[0] : null;
    if (dt instanceof PyDateTime) {
      return Strftime.format(((PyDateTime) dt).value(), pattern);
    }
    OffsetDateTime parsed;
    if (dt instanceof Long || dt instanceof Integer || dt instanceof java.math.BigInteger) {
      parsed = DatetimeFormats.parse(String.valueOf(dt), input == null ? "%s" : input);
    } else if (dt instanceof String) {
      parsed = input == null ? IsoDates.parse((String) dt) : Strftime.parse((String) dt, input);
    } else if (dt instanceof PyDate) {
      parsed = ((PyDate) dt).value().atStartOfDay().atOffset(ZoneOffset.UTC);
    } else {
      throw new IllegalArgumentException("format_datetime() expects a datetime, a string or an int, not "
          + PythonMethods.typeName(dt));
    }
    return DatetimeFormats.format(parsed, pattern);
  }

  /** {@code sanitize_url(text)}: {@code urllib.parse.quote_plus}. */
  public static Object sanitize_url(Object text) {
    return UrlQuoting.quote(PythonValues.str(text), "", true);
  }

  /** {@code camel_case_to_snake_case('CamelCase')}: {@code camel_case}. */
  public static Object camel_case_to_snake_case(Object text) {
    return PythonValues.str(text).replaceAll("(?<!^)(?=[A-Z])", "_").toLowerCase(java.util.Locale.ROOT);
  }

  /** {@code generate_uuid()}: a random UUID4. */
  public static Object generate_uuid() {
    return UUID.randomUUID().toString();
  }

  static PyDateTime inZone(PyDateTime dt, String zone) {
    return new PyDateTime(dt.value().atZoneSameInstant(zone(zone)).toOffsetDateTime());
  }

  private static ZoneId zone(Object zone) {
    try {
      return ZoneId.of(String.valueOf(zone));
    } catch (DateTimeException e) {
      throw new IllegalArgumentException("unknown time zone (an IANA name such as Pacific/Tarawa is expected)");
    }
  }

  private static Object toInt(Number n) {
    if (n instanceof Double || n instanceof Float || n instanceof BigDecimal) {
      return new BigDecimal(n.toString()).toBigInteger().longValue();
    }
    return n;
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static Object extreme(Object[] args, boolean max) {
    List<Object> items = new ArrayList<>();
    if (args.length == 1 && args[0] instanceof Collection) {
      items.addAll((Collection<Object>) args[0]);
    } else {
      items.addAll(java.util.Arrays.asList(args));
    }
    if (items.isEmpty()) {
      throw new IllegalArgumentException((max ? "max" : "min") + "() arg is an empty sequence");
    }
    Object best = items.get(0);
    for (Object item : items.subList(1, items.size())) {
      int cmp = compare(item, best);
      if (max ? cmp > 0 : cmp < 0) {
        best = item;
      }
    }
    return best;
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  static int compare(Object a, Object b) {
    if (a instanceof Number && b instanceof Number) {
      return new BigDecimal(a.toString()).compareTo(new BigDecimal(b.toString()));
    }
    if (a instanceof Boolean || b instanceof Boolean) {
      return compare(a instanceof Boolean ? ((Boolean) a ? 1L : 0L) : a, b instanceof Boolean ? ((Boolean) b ? 1L : 0L) : b);
    }
    if (a != null && b != null && a.getClass() == b.getClass() && a instanceof Comparable) {
      return ((Comparable) a).compareTo(b);
    }
    throw new IllegalArgumentException("'<' not supported between instances of '" + PythonMethods.typeName(a)
        + "' and '" + PythonMethods.typeName(b) + "'");
  }
}
