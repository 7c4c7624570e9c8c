/**
 * Airbyte-compatible interpolation of declarative manifests on Jinjava: {@link
 * dev.ingest.sources.airbyte.interpolation.Interpolator} evaluates {@code {{ ... }}} templates against an {@link
 * dev.ingest.sources.airbyte.interpolation.InterpolationContext} ({@code config}, {@code parameters},
 * {@code stream_slice}/{@code stream_interval}/{@code stream_partition}, {@code next_page_token}, {@code response},
 * {@code headers}, {@code last_record}, {@code last_page_size}, {@code record}) and types the result as Airbyte does
 * (Python's {@code ast.literal_eval}); {@link dev.ingest.sources.airbyte.interpolation.DatetimeFormats} formats and
 * parses Airbyte datetime formats; {@link dev.ingest.sources.airbyte.interpolation.PythonValues#str} prints a value as
 * Python does. Airbyte's macros and filters, Python's string, dict and datetime methods, and the shims over Jinjava's
 * differences from Jinja2 live here, package-private; docs/airbyte-manifests.md ("Interpolation") lists them.
 * Errors ({@link dev.ingest.sources.airbyte.interpolation.InterpolationException}) name the expression, never a
 * config value. No Flink imports.
 */
package dev.ingest.sources.airbyte.interpolation;
