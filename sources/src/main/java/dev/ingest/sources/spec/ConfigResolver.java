package dev.ingest.sources.spec;

import dev.ingest.sources.template.Template;
import dev.ingest.sources.template.TemplateContext;
import dev.ingest.sources.template.TemplateException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Applies a pipeline's config values to a connector: defaults, required keys, unknown keys, base URL check. */
final class ConfigResolver {
  private ConfigResolver() {}

  static Map<String, String> resolve(ConnectorSpec spec, Map<String, String> values) throws SpecException {
    List<FieldError> errors = new ArrayList<>();
    Map<String, String> effective = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : values.entrySet()) {
      if (!spec.config().containsKey(e.getKey())) {
        errors.add(new FieldError("config." + e.getKey(), "unknown config key of connector '" + spec.name()
            + "' (expected one of " + String.join(", ", spec.config().keySet()) + ")"));
      } else if (e.getValue() == null) {
        errors.add(new FieldError("config." + e.getKey(), "must not be null"));
      }
    }
    for (ConfigField field : spec.config().values()) {
      String value = values.get(field.key());
      if (value == null) {
        value = field.defaultValue();
      }
      if (value != null) {
        effective.put(field.key(), value);
      } else if (field.required()) {
        errors.add(new FieldError("config." + field.key(), "required"
            + (field.description().isEmpty() ? "" : " (" + field.description() + ")")));
      }
    }
    if (errors.isEmpty()) {
      checkBaseUrl(spec, effective).ifPresent(errors::add);
    }
    if (!errors.isEmpty()) {
      throw new SpecException("config of connector " + spec.name(), errors);
    }
    return Collections.unmodifiableMap(effective);
  }

  /** Renders the base URL with {@code config} and checks it is an absolute http(s) URL with a host. */
  static Optional<FieldError> checkBaseUrl(ConnectorSpec spec, Map<String, String> config) {
    try {
      String url = Template.parse(spec.baseUrl()).render(TemplateContext.ofConfig(config));
      return baseUrlProblem(url).map(p -> new FieldError("base_url", p));
    } catch (TemplateException e) {
      return Optional.of(new FieldError("base_url", e.getMessage()));
    }
  }

  /** Why {@code url} is not a usable base URL, or empty when it is. */
  static Optional<String> baseUrlProblem(String url) {
    try {
      URI uri = new URI(url);
      String scheme = uri.getScheme();
      if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))) {
        return Optional.of("must resolve to an http(s) URL, got '" + url + "'");
      }
      if (uri.getHost() == null) {
        return Optional.of("must resolve to a URL with a host, got '" + url + "'");
      }
      if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
        return Optional.of("must not contain a query or fragment, got '" + url + "'");
      }
      return Optional.empty();
    } catch (URISyntaxException e) {
      return Optional.of("must resolve to an http(s) URL, got '" + url + "' (" + e.getReason() + ")");
    }
  }
}
