package dev.ingest.sources.incremental;

import dev.ingest.sources.spec.IncrementalSpec;
import dev.ingest.sources.template.Template;
import dev.ingest.sources.template.TemplateContext;
import dev.ingest.sources.template.TemplateException;
import java.util.Map;
import java.util.Optional;

/**
 * Where an incremental run starts. The source passes the value kept from the last successful run as the fetch var
 * {@value #CURSOR}; the runtime turns it into {@value #SINCE} (minus the lookback), or, on the first run, renders
 * the endpoint's {@code start} template (no start, or one whose config value is unset, fetches everything).
 */
public final class IncrementalStart {
  /** The fetch var holding the high-water mark of the last successful run (set by the source). */
  public static final String CURSOR = "incremental.cursor";
  /** The fetch var templates read as {@code {{ incremental.since }}} (set by the runtime). */
  public static final String SINCE = "incremental.since";

  private IncrementalStart() {}

  /** The start value of this run, or empty for a full fetch (first run without a {@code start}). */
  public static Optional<String> since(IncrementalSpec spec, Map<String, String> vars, TemplateContext context) {
    if (spec == null) {
      return Optional.empty();
    }
    String kept = vars.get(CURSOR);
    if (kept != null && !kept.isEmpty()) {
      return Optional.of(CursorValues.minus(kept, spec.lookback()));
    }
    if (spec.start() == null) {
      return Optional.empty();
    }
    String start;
    try {
      start = Template.parse(spec.start()).render(context);
    } catch (TemplateException e) {
      return Optional.empty(); // an optional config value (start_date) left unset: fetch everything
    }
    return start.isEmpty() ? Optional.empty() : Optional.of(start);
  }
}
