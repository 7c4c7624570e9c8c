package dev.ingest.sources.template;

import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The values a template is rendered with: one map per {@link Namespace}. {@link #toString()} lists keys only,
 * because the credentials map holds secret values.
 */
public final class TemplateContext {
  private static final TemplateContext EMPTY = new TemplateContext(Map.of(), Map.of(), Map.of());

  private final Map<Namespace, Map<String, String>> values = new EnumMap<>(Namespace.class);

  private TemplateContext(Map<String, String> config, Map<String, String> credentials, Map<String, String> vars) {
    values.put(Namespace.CONFIG, Map.copyOf(Objects.requireNonNull(config, "config")));
    values.put(Namespace.CREDENTIALS, Map.copyOf(Objects.requireNonNull(credentials, "credentials")));
    values.put(Namespace.VARS, Map.copyOf(Objects.requireNonNull(vars, "vars")));
  }

  /** This context with {@code more} vars added (replacing equal keys). */
  public TemplateContext withVars(Map<String, String> more) {
    Map<String, String> vars = new java.util.HashMap<>(values.get(Namespace.VARS));
    vars.putAll(more);
    return new TemplateContext(values.get(Namespace.CONFIG), values.get(Namespace.CREDENTIALS), vars);
  }

  /** A context with the given values; maps must not contain null keys or values. */
  public static TemplateContext of(
      Map<String, String> config, Map<String, String> credentials, Map<String, String> vars) {
    return new TemplateContext(config, credentials, vars);
  }

  /** A context with config values only. */
  public static TemplateContext ofConfig(Map<String, String> config) {
    return new TemplateContext(config, Map.of(), Map.of());
  }

  /** A context without any value. */
  public static TemplateContext empty() {
    return EMPTY;
  }

  /** The value of {@code variable}, if the context has one. */
  public Optional<String> lookup(Variable variable) {
    return switch (variable.namespace()) {
      case INCREMENTAL, PARENT -> Optional.ofNullable(values.get(Namespace.VARS)
          .get(variable.namespace().prefix() + "." + variable.key()));
      default -> Optional.ofNullable(values.get(variable.namespace()).get(variable.key()));
    };
  }

  @Override
  public String toString() {
    return "TemplateContext{config=" + values.get(Namespace.CONFIG).keySet()
        + ", credentials=" + values.get(Namespace.CREDENTIALS).keySet()
        + ", vars=" + values.get(Namespace.VARS).keySet() + "}";
  }
}
