package dev.ingest.sources.schedule;

import com.cronutils.descriptor.CronDescriptor;
import com.cronutils.model.Cron;
import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A pipeline's schedule: a cron expression evaluated in a time zone (UTC unless told otherwise).
 *
 * <p>Two dialects, told apart by the number of fields:
 *
 * <ul>
 *   <li>5 fields, standard UNIX cron ({@code minute hour day-of-month month day-of-week}, cron-utils
 *       {@link CronType#UNIX}): {@code 30 17 * * 1-5}, {@code *}{@code /15 * * * *}. Day-of-week 0 is Sunday.
 *   <li>6 fields, with a leading seconds field (cron-utils {@link CronType#SPRING}: {@code second minute hour
 *       day-of-month month day-of-week}): {@code *}{@code /3 * * * * *}. Used where runs must fire every few
 *       seconds (tests, demos). {@code ?} is accepted for day-of-month or day-of-week.
 * </ul>
 *
 * <p>Pure value, no Flink imports; time comes in as arguments, so callers inject their own {@code Clock}.
 */
public final class CronSchedule {
  private static final CronParser UNIX = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));
  private static final CronParser WITH_SECONDS =
      new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.SPRING));

  private final String expression;
  private final ZoneId zone;
  private final Cron cron;
  private final ExecutionTime executionTime;

  private CronSchedule(String expression, ZoneId zone, Cron cron) {
    this.expression = expression;
    this.zone = zone;
    this.cron = cron;
    this.executionTime = ExecutionTime.forCron(cron);
  }

  /** Parses a 5-field UNIX or 6-field (seconds first) cron expression evaluated in UTC. */
  public static CronSchedule parse(String expression) {
    return parse(expression, ZoneOffset.UTC);
  }

  /**
   * Parses a 5-field UNIX or 6-field (seconds first) cron expression evaluated in {@code zone}.
   *
   * @throws IllegalArgumentException naming the expression and what is wrong with it
   */
  public static CronSchedule parse(String expression, ZoneId zone) {
    Objects.requireNonNull(zone, "zone");
    if (expression == null || expression.isBlank()) {
      throw new IllegalArgumentException("cron expression is empty: expected 5 fields "
          + "(minute hour day-of-month month day-of-week) or 6 fields with a leading seconds field");
    }
    String trimmed = expression.trim().replaceAll("\\s+", " ");
    int fields = trimmed.split(" ").length;
    CronParser parser = switch (fields) {
      case 5 -> UNIX;
      case 6 -> WITH_SECONDS;
      default -> throw new IllegalArgumentException("invalid cron expression '" + trimmed + "': it has " + fields
          + " field(s); expected 5 (minute hour day-of-month month day-of-week) or 6 (second first)");
    };
    try {
      Cron cron = parser.parse(trimmed).validate();
      return new CronSchedule(trimmed, zone, cron);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("invalid cron expression '" + trimmed + "': " + e.getMessage(), e);
    }
  }

  /** The first fire time strictly after {@code instant}; empty if the expression never fires again. */
  public Optional<Instant> nextAfter(Instant instant) {
    return executionTime.nextExecution(ZonedDateTime.ofInstant(instant, zone)).map(ZonedDateTime::toInstant);
  }

  /** The last fire time at or before {@code instant}; empty if the expression never fired before it. */
  public Optional<Instant> latestAtOrBefore(Instant instant) {
    // Fire times have whole seconds: the latest one strictly before the next whole second is at or before instant.
    Instant nextSecond = instant.truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
    return executionTime.lastExecution(ZonedDateTime.ofInstant(nextSecond, zone)).map(ZonedDateTime::toInstant);
  }

  /** A human description in English, e.g. "every 15 minutes" or "at 17:30 every day between Monday and Friday". */
  public String describe() {
    return CronDescriptor.instance(Locale.ENGLISH).describe(cron) + (zone.equals(ZoneOffset.UTC) ? " (UTC)"
        : " (" + zone.getId() + ")");
  }

  /** The expression as given (whitespace normalised). */
  public String expression() {
    return expression;
  }

  public ZoneId zone() {
    return zone;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CronSchedule other && expression.equals(other.expression) && zone.equals(other.zone);
  }

  @Override
  public int hashCode() {
    return Objects.hash(expression, zone);
  }

  @Override
  public String toString() {
    return "CronSchedule{" + expression + " " + zone.getId() + "}";
  }
}
