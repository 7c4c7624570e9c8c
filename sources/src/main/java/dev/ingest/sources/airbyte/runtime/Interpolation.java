package dev.ingest.sources.airbyte.runtime;

import java.io.Serializable;
import java.util.Map;

/**
 * Evaluates an Airbyte template ({@code "{{ config['api_key'] }}"}) against a context of plain Java values (maps,
 * lists, strings, numbers, booleans, null), the way Airbyte's {@code JinjaInterpolation} does: the result is typed
 * as Airbyte types it ({@code "5"} becomes a number). Implemented by the Jinja-based interpolator; this seam keeps
 * the runtime independent of it.
 */
public interface Interpolation extends Serializable {

  /**
   * The typed value of {@code template} (a string without {@code {{ }}} is returned as it is, typed).
   *
   * @throws IllegalArgumentException when the template cannot be evaluated (syntax, {@code stream_state})
   */
  Object evaluate(String template, Map<String, Object> context);

  /** Airbyte's {@code InterpolatedBoolean}: false for an empty result, {@code "False"}, 0, {@code {}}, {@code []}. */
  boolean condition(String template, Map<String, Object> context);
}
