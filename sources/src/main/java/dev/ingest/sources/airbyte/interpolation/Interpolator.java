package dev.ingest.sources.airbyte.interpolation;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Evaluates Airbyte interpolated strings as the Python CDK's {@code JinjaInterpolation} does: the template (literal
 * text, {@code {{ expression }}}, or both) is rendered with Jinja semantics, and the rendered text is typed with
 * Python's {@code ast.literal_eval} ({@code "5"} is 5, {@code "True"} true, {@code "[1, 2]"} a list, anything else
 * the text). An empty rendering falls back to the default template. Thread-safe; one instance serves a whole job.
 *
 * <pre>{@code
 * Interpolator interpolator = new Interpolator(clock);
 * InterpolationContext ctx = InterpolationContext.builder().config(config).response(body).build();
 * Object token = interpolator.eval("{{ response['next'] }}", ctx);
 * boolean stop = interpolator.evalBoolean("{{ response['hasNext'] is false }}", ctx);
 * }</pre>
 */
public final class Interpolator {

  /** Airbyte's message for {@code stream_state} (CDK 7), which it no longer interpolates. */
  static final String STREAM_STATE_UNSUPPORTED = "`stream_state` is no longer supported for interpolation. We recommend "
      + "using `stream_interval` instead. Please reference the CDK Migration Guide for more information.";

  private static final long TIMEOUT_NANOS = 2_000_000_000L;
  private static final int MAX_NODES = 100_000;
  private static final int MAX_TEMPLATE_CHARS = 100_000;
  private static final int MAX_CACHED_TEMPLATES = 10_000;

  private final AirbyteJinja engine = new AirbyteJinja();
  private final Map<String, Optional<PathTemplate>> fastForms = new ConcurrentHashMap<>();
  private final Clock clock;

  /** An interpolator on the system clock. */
  public Interpolator() {
    this(Clock.systemUTC());
  }

  /** An interpolator whose {@code now_utc()}, {@code today_utc()} and {@code day_delta()} read this clock. */
  public Interpolator(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * {@code InterpolatedString.eval}: the typed value of the template, the template itself being the default (so an
   * empty rendering gives {@code ""}).
   */
  public Object eval(String template, InterpolationContext context) {
    return eval(template, context, template);
  }

  /**
   * {@code JinjaInterpolation.eval(template, config, default)}: the typed value of the template, or of the default
   * template when the template renders empty; null when both are empty and the default is null.
   *
   * @throws InterpolationException when the template cannot be evaluated (the message names it, never a secret)
   */
  public Object eval(String template, InterpolationContext context, String defaultTemplate) {
    return typed(template, context, defaultTemplate, false);
  }

  /** Like {@link #eval(String, InterpolationContext)} for a mapping key: the result stays a string. */
  public String evalString(String template, InterpolationContext context) {
    Object value = typed(template, context, template, true);
    return value == null ? null : value.toString();
  }

  /**
   * {@code InterpolatedBoolean.eval}: false when the condition renders empty or to a false value ({@code False},
   * {@code false}, {@code 0}, {@code 0.0}, {@code {}}, {@code []}, {@code ()}), true otherwise.
   */
  public boolean evalBoolean(String condition, InterpolationContext context) {
    return !PythonValues.isFalse(typed(condition, context, "False", false));
  }

  /**
   * {@code InterpolatedMapping.eval}: keys interpolated as strings, string values interpolated and typed, other
   * values unchanged.
   */
  public Map<String, Object> evalMapping(Map<String, ?> mapping, InterpolationContext context) {
    Map<String, Object> out = new LinkedHashMap<>();
    mapping.forEach((key, value) -> out.put(evalString(key, context),
        value instanceof String ? eval((String) value, context, null) : value));
    return out;
  }

  /**
   * {@code InterpolatedNestedMapping.eval} (request bodies): every string in a tree of maps and lists interpolated
   * and typed, keys too; entries whose value becomes null are dropped from maps.
   */
  public Object evalNested(Object value, InterpolationContext context) {
    return nested(value, context, 0);
  }

  private Object nested(Object value, InterpolationContext context, int depth) {
    if (depth > 100) {
      throw new InterpolationException("(nested mapping)", "nested deeper than 100 levels");
    }
    if (value instanceof String) {
      return eval((String) value, context, null);
    }
    if (value instanceof Map) {
      Map<Object, Object> out = new LinkedHashMap<>();
      for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
        Object key = nested(e.getKey(), context, depth + 1);
        Object item = nested(e.getValue(), context, depth + 1);
        if (item != null) {
          out.put(key, item);
        }
      }
      return out;
    }
    if (value instanceof Collection) {
      List<Object> out = new ArrayList<>();
      for (Object item : (Collection<?>) value) {
        out.add(nested(item, context, depth + 1));
      }
      return out;
    }
    return value;
  }

  private Object typed(String template, InterpolationContext context, String defaultTemplate, boolean stringsOnly) {
    Objects.requireNonNull(template, "template");
    Objects.requireNonNull(context, "context");
    if (template.contains("stream_state")) {
      throw new InterpolationException(template, STREAM_STATE_UNSUPPORTED);
    }
    String rendered = render(template, context);
    if (!rendered.isEmpty()) {
      return literal(rendered, stringsOnly);
    }
    if (defaultTemplate == null) {
      return null;
    }
    if (defaultTemplate.contains("stream_state")) {
      throw new InterpolationException(defaultTemplate, STREAM_STATE_UNSUPPORTED);
    }
    String fallback = defaultTemplate.equals(template) ? rendered : render(defaultTemplate, context);
    return literal(fallback, stringsOnly);
  }

  private static Object literal(String rendered, boolean stringsOnly) {
    Optional<Object> value = PythonLiteral.parse(rendered);
    if (value.isEmpty()) {
      return rendered;
    }
    Object v = value.get() == PythonLiteral.NONE ? null : value.get();
    if (stringsOnly && !(v instanceof String)) {
      return rendered;
    }
    return v;
  }

  private String render(String template, InterpolationContext context) {
    if (template.indexOf('{') < 0) {
      return template;
    }
    if (template.length() > MAX_TEMPLATE_CHARS) {
      throw new InterpolationException(template.substring(0, 80) + "...",
          "template longer than " + MAX_TEMPLATE_CHARS + " characters");
    }
    if (template.contains("____int3rpr3t3r____")) {
      throw new InterpolationException(template, "templates cannot reach the template engine");
    }
    Optional<PathTemplate> fast = fastForms.size() < MAX_CACHED_TEMPLATES
        ? fastForms.computeIfAbsent(template, PathTemplate::parse)
        : fastForms.getOrDefault(template, Optional.empty());
    if (fast.isPresent()) {
      Optional<String> rendered = fast.get().render(context.variables());
      if (rendered.isPresent()) {
        return rendered.get();
      }
    }
    try (EvaluationScope scope = EvaluationScope.open(clock, TIMEOUT_NANOS, MAX_NODES)) {
      return engine.render(template, context.variables(), scope);
    } catch (RuntimeException e) {
      throw new InterpolationException(template, Redaction.apply(reason(e), context.redactions()));
    }
  }

  private static String reason(Throwable e) {
    String message = e.getMessage();
    return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
  }
}
