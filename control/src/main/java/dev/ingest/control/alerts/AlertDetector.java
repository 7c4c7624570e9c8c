package dev.ingest.control.alerts;

import dev.ingest.sinks.runs.RunRow;
import dev.ingest.sources.schedule.CronSchedule;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Decides which alerts a pipeline's state calls for. A pure function: no I/O, the time is given.
 *
 * <ul>
 *   <li>{@code auth_failed}: the latest run has an endpoint whose error class is {@code AUTH_FAILED}; key
 *       {@code auth_failed:<run id>}.
 *   <li>{@code run_failed}: the latest run has a failed endpoint (an auth failure counts when {@code auth_failed} is
 *       off); key {@code run_failed:<run id>}.
 *   <li>{@code stale}: the last successful run (or, before the first one, the deploy) is older than
 *       {@code stale_after_intervals} times the schedule interval; key {@code stale:<that instant>}, so one alert
 *       per stale spell.
 * </ul>
 *
 * The schedule interval is the gap between the two fire times that follow the reference instant.
 */
public final class AlertDetector {
  static final String SUCCEEDED = "SUCCEEDED";
  static final String AUTH_FAILED = "AUTH_FAILED";

  private AlertDetector() {}

  /** What the detector looks at for one pipeline. */
  public record Facts(String pipeline, String schedule, Optional<String> credential, List<RunRow> latestRun,
      Optional<Instant> lastSuccess, Instant deployedAt) {}

  /** The alerts {@code facts} call for under {@code rules}; texts pass through {@code redact}. */
  public static List<Alert> detect(Facts facts, AlertRules rules, Instant now, UnaryOperator<String> redact) {
    List<Alert> alerts = new ArrayList<>();
    List<RunRow> failed = facts.latestRun().stream().filter(r -> !SUCCEEDED.equals(r.status())).toList();
    Optional<RunRow> auth = failed.stream().filter(r -> AUTH_FAILED.equals(r.errorClass())).findFirst();
    if (auth.isPresent() && rules.on().contains(AlertKind.AUTH_FAILED)) {
      RunRow r = auth.get();
      String credential = facts.credential().orElse(null);
      alerts.add(new Alert(AlertKind.AUTH_FAILED, facts.pipeline(), "auth_failed:" + r.runId(), r.runId(),
          r.endpoint(), r.errorClass(), redact.apply(message(r) + (credential == null ? ""
              : " — replace credential '" + credential + "'")), credential, now));
    } else if (!failed.isEmpty() && rules.on().contains(AlertKind.RUN_FAILED)) {
      RunRow r = failed.get(0);
      alerts.add(new Alert(AlertKind.RUN_FAILED, facts.pipeline(), "run_failed:" + r.runId(), r.runId(),
          r.endpoint(), r.errorClass() == null ? r.status() : r.errorClass(),
          redact.apply(message(r) + (failed.size() > 1 ? " (" + failed.size() + " endpoints failed)" : "")), null,
          now));
    }
    if (rules.on().contains(AlertKind.STALE)) {
      stale(facts, rules, now).ifPresent(alerts::add);
    }
    return alerts;
  }

  private static Optional<Alert> stale(Facts facts, AlertRules rules, Instant now) {
    Instant reference = facts.lastSuccess().filter(s -> s.isAfter(facts.deployedAt())).orElse(facts.deployedAt());
    Optional<Duration> interval = interval(facts.schedule(), reference);
    if (interval.isEmpty()) {
      return Optional.empty();
    }
    Duration threshold = Duration.ofMillis((long) (interval.get().toMillis() * rules.staleAfterIntervals()));
    if (Duration.between(reference, now).compareTo(threshold) <= 0) {
      return Optional.empty();
    }
    String since = facts.lastSuccess().isPresent()
        ? "the last successful run ended at " + facts.lastSuccess().get()
        : "no run has succeeded since the pipeline was deployed at " + facts.deployedAt();
    return Optional.of(new Alert(AlertKind.STALE, facts.pipeline(), "stale:" + reference.toEpochMilli(), null, null,
        null, since + "; expected within " + human(threshold) + " (" + rules.staleAfterIntervals()
            + " × the schedule interval of " + human(interval.get()) + ")", null, now));
  }

  /** The schedule interval after {@code reference}; empty for an expression that never fires again. */
  static Optional<Duration> interval(String schedule, Instant reference) {
    CronSchedule cron = CronSchedule.parse(schedule);
    Optional<Instant> first = cron.nextAfter(reference);
    Optional<Instant> second = first.flatMap(cron::nextAfter);
    return second.map(s -> Duration.between(first.get(), s));
  }

  private static String message(RunRow r) {
    String text = r.errorMessage() == null || r.errorMessage().isBlank() ? "endpoint " + r.endpoint() + " "
        + r.status().toLowerCase(java.util.Locale.ROOT) : r.errorMessage();
    return text.length() > 500 ? text.substring(0, 499) + "…" : text;
  }

  static String human(Duration d) {
    long s = d.toSeconds();
    if (s < 120) {
      return s + "s";
    }
    if (s < 7200) {
      return (s / 60) + "m";
    }
    return s < 172_800 ? (s / 3600) + "h" : (s / 86_400) + "d";
  }
}
