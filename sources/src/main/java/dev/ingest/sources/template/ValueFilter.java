package dev.ingest.sources.template;

import dev.ingest.sources.incremental.CursorValues;
import java.io.Serializable;
import java.time.DateTimeException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A formatting step applied to a placeholder's value, written after a pipe: {@code {{ incremental.since | date:
 * 'yyyy/MM/dd HH:mm' }}}. APIs want the same instant in different shapes (Jira's JQL wants {@code 2026/01/15 10:00},
 * Zendesk's incremental export epoch seconds) while a high-water mark is kept as the API served it. The filters:
 *
 * <ul>
 *   <li>{@code date: 'PATTERN'} — the value as a timestamp (ISO-8601 with an offset, {@code Z}, {@code +01:00} or
 *       {@code +0100}; or epoch seconds/milliseconds) formatted with a {@link DateTimeFormatter} pattern, in the
 *       value's own offset (epoch values in UTC). Jira serves and interprets times in the account's time zone, so
 *       a mark read from Jira is written back in the zone it came in.
 *   <li>{@code epoch_seconds} — the value as whole seconds since 1970-01-01T00:00:00Z.
 * </ul>
 *
 * A value the filter cannot read fails rendering with a {@link TemplateException} naming the variable and the
 * filter, never the value.
 */
public final class ValueFilter implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final Pattern SYNTAX =
      Pattern.compile("\\s*([a-z_]+)\\s*(?::\\s*(?:'([^']*)'|\"([^\"]*)\"))?\\s*");

  private final String name;
  private final String pattern;
  private transient DateTimeFormatter formatter;

  private ValueFilter(String name, String pattern) {
    this.name = name;
    this.pattern = pattern;
    formatter();
  }

  /**
   * Parses the text after the pipe.
   *
   * @throws TemplateException for an unknown filter, a missing or superfluous argument, or an invalid pattern
   */
  static ValueFilter parse(String text) {
    Matcher m = SYNTAX.matcher(text);
    if (!m.matches()) {
      throw new TemplateException("invalid filter '" + text.trim() + "': expected date: 'PATTERN' or epoch_seconds");
    }
    String name = m.group(1);
    String argument = m.group(2) != null ? m.group(2) : m.group(3);
    switch (name) {
      case "date" -> {
        if (argument == null || argument.isBlank()) {
          throw new TemplateException("filter date needs a pattern, e.g. date: 'yyyy/MM/dd HH:mm'");
        }
      }
      case "epoch_seconds" -> {
        if (argument != null) {
          throw new TemplateException("filter epoch_seconds takes no argument");
        }
      }
      default -> throw new TemplateException(
          "unknown filter '" + name + "' (expected one of date, epoch_seconds)");
    }
    try {
      return new ValueFilter(name, argument);
    } catch (IllegalArgumentException e) {
      throw new TemplateException("filter date: invalid pattern '" + argument + "': " + e.getMessage());
    }
  }

  /**
   * The filtered value.
   *
   * @throws TemplateException naming {@code variable} when the value is not a timestamp
   */
  String apply(String value, Variable variable) {
    OffsetDateTime time = CursorValues.timestamp(value).orElseThrow(() -> new TemplateException(
        "filter " + name + ": the value of '" + variable + "' is not a timestamp", variable));
    if (pattern == null) {
      return Long.toString(time.toEpochSecond());
    }
    try {
      return formatter().format(time);
    } catch (DateTimeException e) {
      throw new TemplateException("filter date: pattern '" + pattern + "' cannot format '" + variable + "': "
          + e.getMessage(), variable);
    }
  }

  private DateTimeFormatter formatter() {
    if (pattern != null && formatter == null) {
      formatter = DateTimeFormatter.ofPattern(pattern, Locale.ROOT);
    }
    return formatter;
  }

  /** The filter as written: {@code date: 'yyyy/MM/dd'} or {@code epoch_seconds}. */
  @Override
  public String toString() {
    return pattern == null ? name : name + ": '" + pattern + "'";
  }
}
