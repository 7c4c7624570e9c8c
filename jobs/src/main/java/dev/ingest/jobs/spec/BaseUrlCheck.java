package dev.ingest.jobs.spec;

import dev.ingest.sources.net.AddressPolicy;
import dev.ingest.sources.spec.ConnectorSpec;
import dev.ingest.sources.spec.SpecReader;
import dev.ingest.sources.template.Namespace;
import dev.ingest.sources.template.Template;
import dev.ingest.sources.template.TemplateContext;
import dev.ingest.sources.template.Variable;
import java.util.Map;

/**
 * Checks a pipeline's effective base URL (the connector's template rendered with the pipeline's config) against
 * the {@link AddressPolicy}. The error names the field the host came from: {@code config.<key>} when the URL is
 * built from config, else the connector's {@code base_url}.
 */
final class BaseUrlCheck {
  private final AddressPolicy addresses;

  BaseUrlCheck(AddressPolicy addresses) {
    this.addresses = addresses;
  }

  void check(ConnectorSpec connector, Map<String, String> config, boolean fromFile, SpecReader r) {
    String url = Template.parse(connector.baseUrl()).render(TemplateContext.ofConfig(config));
    addresses.problem(url).ifPresent(problem -> r.error(field(connector, fromFile), problem));
  }

  /** The pipeline field the base URL's host comes from. */
  static String field(ConnectorSpec connector, boolean fromFile) {
    return Template.parse(connector.baseUrl()).variables().stream()
        .filter(v -> v.namespace() == Namespace.CONFIG)
        .map(Variable::key)
        .findFirst()
        .map(key -> "config." + key)
        .orElse(fromFile ? "connector_file.base_url" : "connector");
  }
}
