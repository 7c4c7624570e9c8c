package dev.ingest.jobs.spec;

import dev.ingest.sinks.write.WriteMode;
import dev.ingest.sources.spec.EndpointSpec;
import java.util.List;

/**
 * The write mode an endpoint gets when neither it nor the pipeline names one, following the endpoint as Airbyte's
 * sync modes do: {@code upsert} for an incremental endpoint with a primary key (each run brings the changed rows,
 * the key keeps one live row each), {@code append} for an incremental endpoint without one (each run brings only new
 * rows), and {@code full_refresh} (atomic replace) for an endpoint that is not incremental (each run brings every
 * row: appending would land them all again). The dashboard's wizard offers the same defaults
 * ({@code default_write_mode} of {@code GET /api/connectors}).
 */
public final class WriteModeDefaults {
  private WriteModeDefaults() {}

  /**
   * The default write mode of {@code endpoint}.
   *
   * @param endpoint the connector's endpoint
   * @param ownKey the pipeline's own {@code primary_key} for it, or null for the connector's
   */
  public static WriteMode of(EndpointSpec endpoint, List<String> ownKey) {
    if (endpoint.incremental() == null) {
      return WriteMode.FULL_REFRESH;
    }
    List<String> key = ownKey != null ? ownKey : endpoint.primaryKey();
    return key.isEmpty() ? WriteMode.APPEND : WriteMode.UPSERT;
  }

  /** The default write mode of {@code endpoint} with the connector's primary key. */
  public static WriteMode of(EndpointSpec endpoint) {
    return of(endpoint, null);
  }
}
