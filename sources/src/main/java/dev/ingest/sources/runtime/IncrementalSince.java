package dev.ingest.sources.runtime;

import dev.ingest.sources.incremental.CursorValues;
import dev.ingest.sources.incremental.IncrementalStart;
import dev.ingest.sources.spec.IncrementalSpec;
import dev.ingest.sources.template.Template;
import dev.ingest.sources.template.TemplateContext;
import dev.ingest.sources.template.TemplateException;
import java.util.Map;
import java.util.Optional;

/**
 * Where an incremental run starts: the value kept from the last successful run (the fetch var
 * {@value IncrementalStart#CURSOR}) minus the lookback, or, on the first run, the endpoint's {@code start} template
 * rendered (no start, or one whose config value is unset, fetches everything). The runtime passes the result to
 * templates as {@value IncrementalStart#SINCE}.
 */
final class IncrementalSince {
  private IncrementalSince() {}

  /** The start value of this run, or empty for a full fetch (first run without a {@code start}). */
  static Optional<String> of(IncrementalSpec spec, Map<String, String> vars, TemplateContext context) {
    if (spec == null) {
      return Optional.empty();
    }
    String kept = vars.get(IncrementalStart.CURSOR);
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
