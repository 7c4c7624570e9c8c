package dev.ingest.sources.airbyte.interpolation;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The Python methods and attributes templates may use on the values they see, implemented with Python's semantics
 * (Jinjava would otherwise call Java's: {@code 'a.b'.split('.')} is a regex split there, {@code lower()} does not
 * exist). Strings: {@code split}, {@code rsplit}, {@code strip}, {@code lstrip}, {@code rstrip}, {@code lower},
 * {@code upper}, {@code title}, {@code capitalize}, {@code replace}, {@code startswith}, {@code endswith},
 * {@code find}, {@code count}, {@code join}, {@code isdigit}, {@code isalpha}, {@code zfill}, {@code format} is not
 * offered. Maps: {@code get}, {@code keys}, {@code values}, {@code items}. Lists: {@code index}, {@code count}.
 * Datetimes: {@code strftime}, {@code isoformat}, {@code timestamp}, {@code date}, {@code astimezone} and the
 * {@code year}..{@code microsecond} attributes; dates: {@code strftime}, {@code isoformat}; durations:
 * {@code total_seconds}. Nothing else is callable: {@link #invoke} returns {@link #MISSING} and the caller refuses the call.
 */
final class PythonMethods {

  private PythonMethods() {}

  /** Calls a Python method (the result may be null), or returns {@link #MISSING} when the value has no such method here. */
  static Object invoke(Object base, String name, Object[] args) {
    Object[] a = args == null ? new Object[0] : args;
    if (base instanceof String) {
      return StringMethods.invoke((String) base, name, a);
    }
    if (base instanceof Map) {
      return mapMethod((Map<?, ?>) base, name, a);
    }
    if (base instanceof List) {
      return listMethod((List<?>) base, name, a);
    }
    if (base instanceof PyDateTime) {
      return dateTimeMethod((PyDateTime) base, name, a);
    }
    if (base instanceof PyDate) {
      PyDate date = (PyDate) base;
      switch (name) {
        case "strftime":
          return (Strftime.format(date.value().atStartOfDay().atOffset(ZoneOffset.UTC), text(a, 0)));
        case "isoformat":
          return (date.toString());
        default:
          return MISSING;
      }
    }
    if (base instanceof PyTimedelta && name.equals("total_seconds")) {
      return (((PyTimedelta) base).totalSeconds());
    }
    return MISSING;
  }

  /** A Python attribute of a value ({@code dt.year}), or {@link #MISSING} when it has none here. */
  static Object attribute(Object base, String name) {
    if (base instanceof PyDateTime) {
      java.time.OffsetDateTime dt = ((PyDateTime) base).value();
      switch (name) {
        case "year": return ((long) dt.getYear());
        case "month": return ((long) dt.getMonthValue());
        case "day": return ((long) dt.getDayOfMonth());
        case "hour": return ((long) dt.getHour());
        case "minute": return ((long) dt.getMinute());
        case "second": return ((long) dt.getSecond());
        case "microsecond": return ((long) (dt.getNano() / 1000));
        default: return MISSING;
      }
    }
    if (base instanceof PyDate) {
      java.time.LocalDate d = ((PyDate) base).value();
      switch (name) {
        case "year": return ((long) d.getYear());
        case "month": return ((long) d.getMonthValue());
        case "day": return ((long) d.getDayOfMonth());
        default: return MISSING;
      }
    }
    if (base instanceof PyTimedelta) {
      PyTimedelta td = (PyTimedelta) base;
      long micros = td.exact().getSeconds() * 1_000_000L + td.exact().getNano() / 1000;
      switch (name) {
        case "days": return (Math.floorDiv(micros, 86_400_000_000L));
        case "seconds": return (Math.floorMod(micros, 86_400_000_000L) / 1_000_000L);
        case "microseconds": return (Math.floorMod(micros, 1_000_000L));
        default: return MISSING;
      }
    }
    return MISSING;
  }

  private static Object mapMethod(Map<?, ?> map, String name, Object[] a) {
    switch (name) {
      case "get":
        arity(name, a, 1, 2);
        if (map.containsKey(key(a[0]))) {
          return map.get(key(a[0]));
        }
        return a.length > 1 ? a[1] : null;
      case "keys":
        return (new ArrayList<>(map.keySet()));
      case "values":
        return (new ArrayList<>(map.values()));
      case "items": {
        List<Object> items = new ArrayList<>();
        map.forEach((k, v) -> items.add(java.util.Arrays.asList(k, v)));
        return items;
      }
      default:
        return MISSING;
    }
  }

  private static Object key(Object key) {
    return key instanceof String ? key : PythonValues.str(key);
  }

  private static Object listMethod(List<?> list, String name, Object[] a) {
    switch (name) {
      case "index": {
        arity(name, a, 1, 1);
        int i = indexOf(list, a[0]);
        if (i < 0) {
          throw new IllegalArgumentException("list.index(x): x not in list");
        }
        return ((long) i);
      }
      case "count": {
        arity(name, a, 1, 1);
        long n = list.stream().filter(item -> same(item, a[0])).count();
        return (n);
      }
      default:
        return MISSING;
    }
  }

  private static int indexOf(List<?> list, Object wanted) {
    for (int i = 0; i < list.size(); i++) {
      if (same(list.get(i), wanted)) {
        return i;
      }
    }
    return -1;
  }

  /** Python equality for the plain values templates hold (1 == 1.0). */
  static boolean same(Object x, Object y) {
    if (x instanceof Number && y instanceof Number) {
      return ((Number) x).doubleValue() == ((Number) y).doubleValue();
    }
    return java.util.Objects.equals(x, y);
  }

  private static Object dateTimeMethod(PyDateTime dt, String name, Object[] a) {
    switch (name) {
      case "strftime":
        arity(name, a, 1, 1);
        return (Strftime.format(dt.value(), text(a, 0)));
      case "isoformat":
        arity(name, a, 0, 1);
        return (dt.isoformat(a.length == 0 ? "T" : text(a, 0)));
      case "timestamp":
        return (dt.timestamp());
      case "date":
        return (new PyDate(dt.value().toLocalDate()));
      case "astimezone":
        return (a.length == 0 ? dt : Macros.inZone(dt, text(a, 0)));
      default:
        return MISSING;
    }
  }

  static void arity(String name, Object[] a, int min, int max) {
    if (a.length < min || a.length > max) {
      throw new IllegalArgumentException(name + "() takes " + (min == max ? String.valueOf(min) : min + " to " + max)
          + " arguments (" + a.length + " given)");
    }
  }

  static String text(Object[] a, int i) {
    Object value = a[i];
    if (!(value instanceof String)) {
      throw new IllegalArgumentException("argument " + (i + 1) + " must be a string, not " + typeName(value));
    }
    return (String) value;
  }

  /** Python's type name of a value, for error messages (never the value itself). */
  static String typeName(Object value) {
    if (value == null) {
      return "NoneType";
    }
    if (value instanceof String) {
      return "str";
    }
    if (value instanceof Boolean) {
      return "bool";
    }
    if (value instanceof Double || value instanceof Float) {
      return "float";
    }
    if (value instanceof Number) {
      return "int";
    }
    if (value instanceof Map) {
      return "dict";
    }
    if (value instanceof Collection) {
      return "list";
    }
    if (value instanceof PyDateTime) {
      return "datetime";
    }
    if (value instanceof PyDate) {
      return "date";
    }
    if (value instanceof PyTimedelta) {
      return "timedelta";
    }
    return "object";
  }

  /** What {@link #invoke} and {@link #attribute} return when the value has no such method or attribute. */
  static final Object MISSING = new Object();
}
