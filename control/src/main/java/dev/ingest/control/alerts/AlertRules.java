package dev.ingest.control.alerts;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Which alerts to raise and where to send them: the global rules of {@code config.yaml}, a pipeline's own rules,
 * or the two merged ({@link #merge}).
 *
 * @param on the alert kinds raised
 * @param staleAfterIntervals a pipeline is stale when its last successful run is older than this many schedule
 *     intervals (greater than 0)
 * @param webhooks webhook channels
 * @param emails e-mail recipients (sent through the global SMTP settings)
 * @param inheritGlobal for a pipeline's rules: whether the global channels also get its alerts
 */
public record AlertRules(Set<AlertKind> on, double staleAfterIntervals, List<Webhook> webhooks, List<String> emails,
    boolean inheritGlobal) {
  /** Every kind, stale after 3 intervals, no channel. */
  public static final AlertRules NONE = new AlertRules(EnumSet.allOf(AlertKind.class), 3.0, List.of(), List.of(),
      true);

  public AlertRules {
    on = on.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(on));
    webhooks = List.copyOf(webhooks);
    emails = List.copyOf(emails);
    if (!(staleAfterIntervals > 0) || Double.isInfinite(staleAfterIntervals)) {
      throw new AlertSettingsException("stale_after_intervals", "must be a number greater than 0");
    }
    Objects.requireNonNull(on, "on");
  }

  /** Whether any channel is configured. */
  public boolean hasChannels() {
    return !webhooks.isEmpty() || !emails.isEmpty();
  }

  /**
   * The rules a pipeline runs with: its own kinds and staleness multiple, its channels plus (when it inherits)
   * the global ones, each channel once.
   */
  public static AlertRules merge(AlertRules global, AlertRules pipeline) {
    if (pipeline == null) {
      return global;
    }
    List<Webhook> hooks = new ArrayList<>(pipeline.inheritGlobal ? global.webhooks : List.of());
    pipeline.webhooks.stream().filter(h -> !hooks.contains(h)).forEach(hooks::add);
    Set<String> mails = new LinkedHashSet<>(pipeline.inheritGlobal ? global.emails : List.of());
    mails.addAll(pipeline.emails);
    return new AlertRules(pipeline.on, pipeline.staleAfterIntervals, hooks, List.copyOf(mails), true);
  }
}
