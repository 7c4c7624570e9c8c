package dev.ingest.sources.spec;

import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;

/**
 * Incremental sync of one endpoint ({@code endpoints.<name>.incremental} in YAML): the highest value of
 * {@code cursor_field} seen in a successful run is kept in the source's checkpointed state, and the next run asks
 * only for records from there on.
 *
 * <p>The value a run starts from is available to the endpoint's templates as {@code {{ incremental.since }}}; with
 * {@code param} set it is also sent as that query parameter. The first run (no value kept yet) starts from
 * {@code start} (a template, typically {@code {{ config.start_date }}}); without one it fetches everything.
 *
 * @param cursorField the dotted path of the cursor value inside one record ({@code updated_at},
 *     {@code properties.hs_lastmodifieddate})
 * @param param the query parameter the start value is sent in, or null when templates place it (body filters)
 * @param start the template of the first run's start value, or null
 * @param lookback how far before the kept value a run starts (catches records updated while the last run read);
 *     applied to ISO-8601 timestamps and epoch seconds/milliseconds; zero for none
 */
public record IncrementalSpec(String cursorField, String param, String start, Duration lookback)
    implements Serializable {
  public IncrementalSpec {
    Objects.requireNonNull(cursorField, "cursorField");
    lookback = lookback == null ? Duration.ZERO : lookback;
    if (lookback.isNegative()) {
      throw new IllegalArgumentException("lookback must not be negative");
    }
  }
}
