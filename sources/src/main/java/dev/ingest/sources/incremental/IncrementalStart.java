package dev.ingest.sources.incremental;

/**
 * The fetch vars that say where an incremental run starts. The source passes the value kept from the last
 * successful run as {@value #CURSOR}; the runtime turns it into {@value #SINCE} (minus the lookback), or, on the
 * first run, renders the endpoint's {@code start} template (see {@code runtime.IncrementalSince}).
 */
public final class IncrementalStart {
  /** The fetch var holding the high-water mark of the last successful run (set by the source). */
  public static final String CURSOR = "incremental.cursor";
  /** The fetch var templates read as {@code {{ incremental.since }}} (set by the runtime). */
  public static final String SINCE = "incremental.since";

  private IncrementalStart() {}
}
