package dev.ingest.sources.airbyte.interpolation;

import com.hubspot.jinjava.el.ext.AdditionOperator;
import java.time.Duration;
import java.time.Period;
import jinjava.de.odysseus.el.misc.NumberOperations;
import jinjava.de.odysseus.el.misc.TypeConverter;
import jinjava.de.odysseus.el.tree.impl.ast.AstBinary;

/**
 * Python's {@code +} and {@code -} between datetimes, dates and durations ({@code now_utc() - duration('P1D')},
 * {@code day_a - day_b}), which Jinjava's operators would try to coerce to numbers; any other operands go to Jinjava's
 * own operator (string, list and number addition, number subtraction).
 */
final class DatetimeArithmetic {

  /** {@code +}: datetime arithmetic, else Jinjava's addition. */
  static final AstBinary.Operator PLUS = new Plus();
  /** {@code -}: datetime arithmetic, else EL's number subtraction. */
  static final AstBinary.Operator MINUS = new Minus();

  private static final Object NOT_DATES = new Object();

  private DatetimeArithmetic() {}

  /** The result of {@code a + b} or {@code a - b} when an operand is a date value, else {@link #NOT_DATES}. */
  static Object apply(boolean plus, Object a, Object b) {
    if (b instanceof PyTimedelta && (a instanceof PyDateTime || a instanceof PyDate)) {
      PyTimedelta delta = plus ? (PyTimedelta) b : ((PyTimedelta) b).negated();
      if (a instanceof PyDate) {
        return new PyDate(((PyDate) a).value().plus(delta.calendar()).plusDays(delta.exact().toDays()));
      }
      return new PyDateTime(((PyDateTime) a).value().plus(delta.calendar()).plus(delta.exact()));
    }
    if (plus && a instanceof PyTimedelta && (b instanceof PyDateTime || b instanceof PyDate)) {
      return apply(true, b, a);
    }
    if (a instanceof PyTimedelta && b instanceof PyTimedelta) {
      PyTimedelta x = (PyTimedelta) a;
      PyTimedelta y = plus ? (PyTimedelta) b : ((PyTimedelta) b).negated();
      return new PyTimedelta(x.calendar().plus(y.calendar()), x.exact().plus(y.exact()));
    }
    if (!plus && a instanceof PyDateTime && b instanceof PyDateTime) {
      return new PyTimedelta(Period.ZERO, Duration.between(((PyDateTime) b).value(), ((PyDateTime) a).value()));
    }
    if (!plus && a instanceof PyDate && b instanceof PyDate) {
      long days = ((PyDate) a).value().toEpochDay() - ((PyDate) b).value().toEpochDay();
      return new PyTimedelta(Period.ZERO, Duration.ofDays(days));
    }
    if (isDate(a) || isDate(b)) {
      throw new IllegalArgumentException("unsupported operand type(s) for " + (plus ? "+" : "-") + ": '"
          + PythonMethods.typeName(a) + "' and '" + PythonMethods.typeName(b) + "'");
    }
    return NOT_DATES;
  }

  private static boolean isDate(Object x) {
    return x instanceof PyDateTime || x instanceof PyDate || x instanceof PyTimedelta;
  }

  /** Addition: dates first, then Jinjava's (strings, lists, maps, numbers). */
  private static final class Plus extends AdditionOperator {
    @Override
    protected Object apply(TypeConverter converter, Object a, Object b) {
      Object dates = DatetimeArithmetic.apply(true, a, b);
      return dates == NOT_DATES ? super.apply(converter, a, b) : dates;
    }
  }

  /** Subtraction: dates first, then EL's number subtraction. */
  private static final class Minus extends AstBinary.SimpleOperator {
    @Override
    protected Object apply(TypeConverter converter, Object a, Object b) {
      Object dates = DatetimeArithmetic.apply(false, a, b);
      return dates == NOT_DATES ? NumberOperations.sub(converter, a, b) : dates;
    }

    @Override
    public String toString() {
      return "-";
    }
  }
}
