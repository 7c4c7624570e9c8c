package dev.ingest.sources.airbyte.interpolation;

import java.time.DayOfWeek;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.TextStyle;
import java.time.temporal.IsoFields;
import java.util.Locale;

/**
 * Python's {@code strftime} and {@code strptime} directives (C89 plus the glibc ones manifests use: {@code %-d}-style
 * unpadded fields, {@code %e}, {@code %s}, {@code %G}/{@code %V}/{@code %u}), in the C locale, as CPython on Linux
 * (Airbyte's platform) formats them. {@code %s} is the instant's epoch seconds (CPython would use the host's zone;
 * Airbyte's hosts run in UTC).
 */
final class Strftime {

  private Strftime() {}

  /** Formats a date-time with a Python format string. */
  static String format(OffsetDateTime dt, String pattern) {
    StringBuilder out = new StringBuilder(pattern.length() + 16);
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if (c != '%' || i + 1 >= pattern.length()) {
        out.append(c);
        continue;
      }
      char d = pattern.charAt(++i);
      boolean unpadded = false;
      if (d == '-' && i + 1 < pattern.length()) {
        unpadded = true;
        d = pattern.charAt(++i);
      }
      out.append(directive(dt, d, unpadded));
    }
    return out.toString();
  }

  private static String directive(OffsetDateTime dt, char d, boolean unpadded) {
    switch (d) {
      case 'Y': return String.valueOf(dt.getYear());
      case 'y': return pad(dt.getYear() % 100, 2, unpadded);
      case 'm': return pad(dt.getMonthValue(), 2, unpadded);
      case 'd': return pad(dt.getDayOfMonth(), 2, unpadded);
      case 'e': return unpadded ? String.valueOf(dt.getDayOfMonth()) : String.format("%2d", dt.getDayOfMonth());
      case 'H': return pad(dt.getHour(), 2, unpadded);
      case 'I': return pad(dt.getHour() % 12 == 0 ? 12 : dt.getHour() % 12, 2, unpadded);
      case 'p': return dt.getHour() < 12 ? "AM" : "PM";
      case 'M': return pad(dt.getMinute(), 2, unpadded);
      case 'S': return pad(dt.getSecond(), 2, unpadded);
      case 'f': return String.format("%06d", dt.getNano() / 1000);
      case 'j': return pad(dt.getDayOfYear(), 3, unpadded);
      case 'z': return offset(dt.getOffset(), false);
      case 'Z': return dt.getOffset().equals(ZoneOffset.UTC) ? "UTC" : "";
      case 'a': return dt.getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.ENGLISH);
      case 'A': return dt.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH);
      case 'b': case 'h': return dt.getMonth().getDisplayName(TextStyle.SHORT, Locale.ENGLISH);
      case 'B': return dt.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH);
      case 'w': return String.valueOf(dt.getDayOfWeek().getValue() % 7);
      case 'u': return String.valueOf(dt.getDayOfWeek().getValue());
      case 'U': return pad(weekOfYear(dt, DayOfWeek.SUNDAY), 2, unpadded);
      case 'W': return pad(weekOfYear(dt, DayOfWeek.MONDAY), 2, unpadded);
      case 'G': return String.valueOf(dt.get(IsoFields.WEEK_BASED_YEAR));
      case 'V': return pad(dt.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR), 2, unpadded);
      case 's': return String.valueOf(dt.toEpochSecond());
      case 'F': return format(dt, "%Y-%m-%d");
      case 'T': return format(dt, "%H:%M:%S");
      case 'D': return format(dt, "%m/%d/%y");
      case 'R': return format(dt, "%H:%M");
      case 'c': return format(dt, "%a %b %e %H:%M:%S %Y");
      case 'x': return format(dt, "%m/%d/%y");
      case 'X': return format(dt, "%H:%M:%S");
      case '%': return "%";
      default: return "%" + (unpadded ? "-" : "") + d;
    }
  }

  private static int weekOfYear(OffsetDateTime dt, DayOfWeek first) {
    int dayOfYear = dt.getDayOfYear() - 1;
    int weekday = (dt.getDayOfWeek().getValue() - first.getValue() + 7) % 7;
    return (dayOfYear - weekday + 7) / 7;
  }

  private static String pad(int value, int width, boolean unpadded) {
    return unpadded ? String.valueOf(value) : String.format("%0" + width + "d", value);
  }

  /** An offset as Python writes it: {@code +0000} for {@code %z}, {@code +00:00} for {@code isoformat}. */
  static String offset(ZoneOffset offset, boolean colon) {
    int total = offset.getTotalSeconds();
    char sign = total < 0 ? '-' : '+';
    total = Math.abs(total);
    String hm = String.format("%02d%s%02d", total / 3600, colon ? ":" : "", (total % 3600) / 60);
    int seconds = total % 60;
    return sign + hm + (seconds == 0 ? "" : String.format("%s%02d", colon ? ":" : "", seconds));
  }

  /**
   * Python's {@code datetime.strptime(text, pattern)}; a result without {@code %z} is naive and returned in UTC, as
   * every Airbyte caller then does ({@code replace(tzinfo=utc)}).
   *
   * @throws IllegalArgumentException when the text does not match, naming the pattern (not the text)
   */
  static OffsetDateTime parse(String text, String pattern) {
    return new Strptime(text, pattern).parse();
  }

  /** One strptime run: a cursor over the text and the fields read so far. */
  private static final class Strptime {
    private final String text;
    private final String pattern;
    private int pos;
    private int year = 1900;
    private int month = 1;
    private int day = 1;
    private int hour;
    private int hour12 = -1;
    private boolean pm;
    private int minute;
    private int second;
    private int micros;
    private int dayOfYear = -1;
    private Long epoch;
    private ZoneOffset offset;

    Strptime(String text, String pattern) {
      this.text = text;
      this.pattern = pattern;
    }

    OffsetDateTime parse() {
      for (int i = 0; i < pattern.length(); i++) {
        char c = pattern.charAt(i);
        if (c == '%' && i + 1 < pattern.length()) {
          char d = pattern.charAt(++i);
          if (d == '-' && i + 1 < pattern.length()) {
            d = pattern.charAt(++i);
          }
          field(d);
        } else if (Character.isWhitespace(c)) {
          while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
          }
        } else {
          if (pos >= text.length() || text.charAt(pos) != c) {
            throw mismatch();
          }
          pos++;
        }
      }
      if (pos != text.length()) {
        throw new IllegalArgumentException("unconverted data remains after format '" + pattern + "'");
      }
      if (epoch != null) {
        return OffsetDateTime.ofInstant(java.time.Instant.ofEpochSecond(epoch), ZoneOffset.UTC);
      }
      if (hour12 >= 0) {
        hour = hour12 % 12 + (pm ? 12 : 0);
      }
      LocalDateTime local = dayOfYear > 0
          ? LocalDateTime.of(year, 1, 1, hour, minute, second, micros * 1000).withDayOfYear(dayOfYear)
          : LocalDateTime.of(year, month, day, hour, minute, second, micros * 1000);
      return OffsetDateTime.of(local, offset == null ? ZoneOffset.UTC : offset);
    }

    private void field(char d) {
      switch (d) {
        case 'Y': year = number(4, 4); break;
        case 'y': { int y = number(2, 2); year = y < 69 ? 2000 + y : 1900 + y; break; }
        case 'm': month = number(1, 2); break;
        case 'd': case 'e': skipSpace(); day = number(1, 2); break;
        case 'H': hour = number(1, 2); break;
        case 'I': hour12 = number(1, 2); break;
        case 'M': minute = number(1, 2); break;
        case 'S': second = number(1, 2); break;
        case 'j': dayOfYear = number(1, 3); break;
        case 'f': {
          int start = pos;
          int value = number(1, 6);
          for (int n = pos - start; n < 6; n++) {
            value *= 10;
          }
          micros = value;
          break;
        }
        case 'p': pm = word("AM", "PM") == 1; break;
        case 'b': case 'h': case 'B': month = monthName(d == 'B'); break;
        case 'a': case 'A': dayName(d == 'A'); break;
        case 'z': offset = zone(); break;
        case 'Z': word("UTC", "GMT"); offset = offset == null ? ZoneOffset.UTC : offset; break;
        case 's': {
          int start = pos;
          if (pos < text.length() && text.charAt(pos) == '-') {
            pos++;
          }
          number(1, 19);
          epoch = Long.parseLong(text.substring(start, pos));
          break;
        }
        case '%': if (pos < text.length() && text.charAt(pos) == '%') { pos++; } else { throw mismatch(); } break;
        default: throw new IllegalArgumentException("'%" + d + "' is a bad directive in format '" + pattern + "'");
      }
    }

    private void skipSpace() {
      while (pos < text.length() && text.charAt(pos) == ' ') {
        pos++;
      }
    }

    private int number(int min, int max) {
      int start = pos;
      while (pos < text.length() && pos - start < max && Character.isDigit(text.charAt(pos))) {
        pos++;
      }
      if (pos - start < min) {
        throw mismatch();
      }
      return Integer.parseInt(text.substring(start, pos));
    }

    private int word(String... words) {
      for (int i = 0; i < words.length; i++) {
        if (text.regionMatches(true, pos, words[i], 0, words[i].length())) {
          pos += words[i].length();
          return i;
        }
      }
      throw mismatch();
    }

    private int monthName(boolean full) {
      for (java.time.Month m : java.time.Month.values()) {
        String name = m.getDisplayName(full ? TextStyle.FULL : TextStyle.SHORT, Locale.ENGLISH);
        if (text.regionMatches(true, pos, name, 0, name.length())) {
          pos += name.length();
          return m.getValue();
        }
      }
      throw mismatch();
    }

    private void dayName(boolean full) {
      for (DayOfWeek w : DayOfWeek.values()) {
        String name = w.getDisplayName(full ? TextStyle.FULL : TextStyle.SHORT, Locale.ENGLISH);
        if (text.regionMatches(true, pos, name, 0, name.length())) {
          pos += name.length();
          return;
        }
      }
      throw mismatch();
    }

    private ZoneOffset zone() {
      if (pos < text.length() && text.charAt(pos) == 'Z') {
        pos++;
        return ZoneOffset.UTC;
      }
      if (pos >= text.length() || (text.charAt(pos) != '+' && text.charAt(pos) != '-')) {
        throw mismatch();
      }
      int sign = text.charAt(pos++) == '-' ? -1 : 1;
      int hours = number(2, 2);
      if (pos < text.length() && text.charAt(pos) == ':') {
        pos++;
      }
      int minutes = number(2, 2);
      int seconds = 0;
      if (pos < text.length() && text.charAt(pos) == ':') {
        pos++;
        seconds = number(2, 2);
      }
      return ZoneOffset.ofTotalSeconds(sign * (hours * 3600 + minutes * 60 + seconds));
    }

    private IllegalArgumentException mismatch() {
      return new IllegalArgumentException("time data does not match format '" + pattern + "'");
    }
  }

}
