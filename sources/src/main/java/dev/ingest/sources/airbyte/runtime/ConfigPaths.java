package dev.ingest.sources.airbyte.runtime;

import java.util.List;
import java.util.Map;

/** Looks values up in the typed config by path ({@code [credentials, auth_type]}), as Airbyte's dpath does. */
final class ConfigPaths {
  private ConfigPaths() {}

  /** The value at {@code path}, or null when a step is missing or not a mapping. */
  static Object get(Map<String, Object> config, List<String> path) {
    Object current = config;
    for (String step : path) {
      if (!(current instanceof Map<?, ?> map)) {
        return null;
      }
      current = map.get(step);
    }
    return current;
  }
}
