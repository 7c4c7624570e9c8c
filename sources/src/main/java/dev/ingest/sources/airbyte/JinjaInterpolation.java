package dev.ingest.sources.airbyte;

import dev.ingest.sources.airbyte.interpolation.InterpolationContext;
import dev.ingest.sources.airbyte.interpolation.Interpolator;
import dev.ingest.sources.airbyte.runtime.Interpolation;
import java.util.Collection;
import java.util.Map;

/**
 * The runtime's {@link Interpolation} on the Airbyte-compatible Jinja {@link Interpolator}: the runtime's variables
 * become an {@link InterpolationContext} (the partition as {@code stream_slice} and its aliases, raw headers with
 * the Link header parsed, config strings redacted from errors). The interpolator is created lazily on each task
 * manager (it is not serializable).
 */
final class JinjaInterpolation implements Interpolation {
  private static final long serialVersionUID = 1L;
  private transient Interpolator interpolator;

  @Override
  public Object evaluate(String template, Map<String, Object> context) {
    return interpolator().eval(template, context(context));
  }

  @Override
  public boolean condition(String template, Map<String, Object> context) {
    return interpolator().evalBoolean(template, context(context));
  }

  private Interpolator interpolator() {
    if (interpolator == null) {
      interpolator = new Interpolator();
    }
    return interpolator;
  }

  @SuppressWarnings("unchecked")
  private static InterpolationContext context(Map<String, Object> values) {
    InterpolationContext.Builder builder = InterpolationContext.builder();
    for (Map.Entry<String, Object> value : values.entrySet()) {
      Object v = value.getValue();
      switch (value.getKey()) {
        case "config" -> builder.config(v);
        case "parameters" -> builder.parameters(v);
        case "stream_partition" -> builder.streamSlice((Map<String, ?>) v, null);
        case "stream_slice", "stream_interval" -> { }
        case "next_page_token" -> builder.nextPageToken(v);
        case "response" -> builder.response(v);
        case "headers" -> builder.headers((Map<String, ? extends Collection<String>>) v);
        case "last_record" -> builder.lastRecord(v);
        case "last_page_size" -> builder.lastPageSize(((Number) v).longValue());
        case "record" -> builder.record(v);
        default -> builder.variable(value.getKey(), v);
      }
    }
    return builder.build();
  }
}
