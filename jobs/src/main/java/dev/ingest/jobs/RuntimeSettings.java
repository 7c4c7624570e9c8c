package dev.ingest.jobs;

import dev.ingest.jobs.spec.StateBackend;
import java.util.Map;

/**
 * The installation's job settings in the {@code runtime:} section of {@code $INGEST_HOME/config.yaml}: the state
 * backend that local runs ({@code ./ingest run}) and the local cluster of {@code ./ingest up} use for pipelines
 * that name none themselves ({@code runtime.state_backend} in the pipeline wins).
 *
 * <pre>
 * runtime:
 *   state_backend: rocksdb     # or hashmap (the default); rocksdb checkpoints incrementally
 * </pre>
 */
public final class RuntimeSettings {
  private static final String SECTION = "runtime";
  private static final String STATE_BACKEND = "state_backend";

  private RuntimeSettings() {}

  /** The default state backend of {@code home}: {@code hashmap} unless its config.yaml says otherwise. */
  public static StateBackend stateBackend(IngestHome home) {
    Map<String, String> settings = HomeConfig.section(home.configFile(), SECTION);
    for (String key : settings.keySet()) {
      if (!key.equals(STATE_BACKEND)) {
        throw new IllegalArgumentException(home.configFile() + ": " + SECTION + "." + key
            + ": unknown setting (expected " + STATE_BACKEND + ")");
      }
    }
    String value = settings.get(STATE_BACKEND);
    if (value == null) {
      return StateBackend.HASHMAP;
    }
    return StateBackend.named(value).orElseThrow(() -> new IllegalArgumentException(home.configFile() + ": "
        + SECTION + "." + STATE_BACKEND + ": expected one of " + StateBackend.names() + ", got '" + value + "'"));
  }
}
