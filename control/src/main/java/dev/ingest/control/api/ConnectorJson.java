package dev.ingest.control.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ingest.jobs.spec.WriteModeDefaults;
import dev.ingest.sources.spec.AuthMethod;
import dev.ingest.sources.spec.ConfigField;
import dev.ingest.sources.spec.ConnectorSpec;
import dev.ingest.sources.spec.CredentialField;
import dev.ingest.sources.spec.EndpointSpec;
import java.util.Map;

/**
 * A connector as the catalog route shows it: settings (key, label, help, default), the credential form of its default
 * auth method ({@code credentials}), every auth method with its own form ({@code auth_methods}), and endpoints (with
 * whether they are incremental and the write mode a pipeline gives them by default, {@link WriteModeDefaults}).
 */
final class ConnectorJson {
  private ConnectorJson() {}

  static ObjectNode of(ConnectorSpec spec) {
    ObjectNode node = Json.object()
        .put("name", spec.name())
        .put("description", spec.description())
        .put("auth", spec.auth().type().name().toLowerCase(java.util.Locale.ROOT));
    ArrayNode config = node.putArray("config");
    for (ConfigField f : spec.config().values()) {
      ObjectNode field = config.addObject().put("key", f.key()).put("label", label(f)).put("required", f.required())
          .put("description", f.description());
      if (f.hasDefault()) {
        field.put("default", f.defaultValue());
      }
    }
    credentialForm(node.putArray("credentials"), spec.credentials());
    node.put("default_auth_method", spec.authMethod());
    ArrayNode methods = node.putArray("auth_methods");
    for (AuthMethod method : spec.authMethods().values()) {
      ObjectNode m = methods.addObject().put("name", method.name()).put("label", method.label())
          .put("description", method.description()).put("auth", method.auth().type().yamlName())
          .put("connect", method.auth().oauth2() != null && method.auth().oauth2().connectable());
      credentialForm(m.putArray("credentials"), method.credentials());
    }
    ArrayNode endpoints = node.putArray("endpoints");
    for (EndpointSpec e : spec.endpoints().values()) {
      ObjectNode endpoint = endpoints.addObject().put("name", e.name()).put("description", e.description())
          .put("incremental", e.incremental() != null).put("parent", e.parent())
          .put("default_write_mode", WriteModeDefaults.of(e).yamlName());
      ArrayNode key = endpoint.putArray("primary_key");
      e.primaryKey().forEach(key::add);
    }
    return node;
  }

  /** The setting's label, else its key in words ({@code start_date} → {@code Start date}). */
  static String label(ConfigField field) {
    if (!field.label().isEmpty()) {
      return field.label();
    }
    String words = field.key().replace('_', ' ');
    return Character.toUpperCase(words.charAt(0)) + words.substring(1);
  }

  private static void credentialForm(ArrayNode out, Map<String, CredentialField> form) {
    for (CredentialField f : form.values()) {
      out.addObject().put("key", f.key()).put("label", f.label()).put("secret", f.secret())
          .put("required", f.required()).put("help", f.help());
    }
  }
}
