package dev.ingest.sources.airbyte.runtime;

import dev.ingest.sources.auth.ApiKeyAuth;
import dev.ingest.sources.auth.Authenticator;
import dev.ingest.sources.auth.BasicAuth;
import dev.ingest.sources.auth.BearerAuth;
import dev.ingest.sources.auth.NoAuth;
import dev.ingest.sources.spec.AuthSpec;

/**
 * Maps an Airbyte authenticator onto the runtime's: {@code NoAuth} (or none), {@code BearerAuthenticator}
 * ({@code Authorization: Bearer <api_token>}), {@code BasicHttpAuthenticator}, and {@code ApiKeyAuthenticator}
 * (the rendered {@code api_token} in the header or query parameter its {@code inject_into} names, or in the
 * deprecated {@code header}); {@code OAuthAuthenticator} ({@link ManifestOAuth}), {@code SessionTokenAuthenticator}
 * ({@link SessionToken}), and {@code SelectiveAuthenticator} (the authenticator named by the config value at
 * {@code authenticator_selection_path}). Templates are rendered once per fetcher, with config and secrets.
 */
final class ManifestAuthenticators {
  private ManifestAuthenticators() {}

  static Authenticator create(Component auth, Templates templates, EvalContext context, AuthSetup setup) {
    if (auth == null) {
      return NoAuth.INSTANCE;
    }
    return switch (auth.type()) {
      case "NoAuth" -> NoAuth.INSTANCE;
      case "BearerAuthenticator" -> new BearerAuth(required(auth, "api_token", templates, context));
      case "BasicHttpAuthenticator" -> new BasicAuth(required(auth, "username", templates, context),
          templates.text(auth, "password", context, ""));
      case "ApiKeyAuthenticator" -> apiKey(auth, templates, context);
      case "OAuthAuthenticator" -> oauth(auth, templates, context, setup);
      case "SessionTokenAuthenticator" -> new SessionToken(auth, templates, context, setup);
      case "SelectiveAuthenticator" -> create(selected(auth, context), templates, context, setup);
      default -> throw auth.refuse(auth.type() + " is not supported");
    };
  }

  private static Authenticator oauth(Component auth, Templates templates, EvalContext context, AuthSetup setup) {
    if (auth.has("profile_assertion") || templates.condition(auth, "use_profile_assertion", context, false)) {
      throw auth.refuse("profile_assertion (JWT profile assertion) is not supported");
    }
    return new ManifestOAuth(new OAuthGrant(auth, templates, context, setup.tokenUrlOverride()), setup);
  }

  /** The authenticator the config value at {@code authenticator_selection_path} names. */
  @SuppressWarnings("unchecked")
  private static Component selected(Component auth, EvalContext context) {
    java.util.List<String> path = new java.util.ArrayList<>();
    auth.field("authenticator_selection_path").forEach(step -> path.add(step.asText()));
    if (path.isEmpty()) {
      throw auth.refuse("authenticator_selection_path is required");
    }
    Object config = context.values().get("config");
    Object value = config instanceof java.util.Map<?, ?> map
        ? ConfigPaths.get((java.util.Map<String, Object>) map, path) : null;
    java.util.List<String> names = new java.util.ArrayList<>();
    auth.field("authenticators").fieldNames().forEachRemaining(names::add);
    if (value == null || !auth.field("authenticators").has(String.valueOf(value))) {
      throw auth.refuse("config." + String.join(".", path) + (value == null ? " is not set"
          : " is '" + value + "'") + ": it must name one of the authenticators (" + String.join(", ", names) + ")");
    }
    return auth.child("authenticators").child(String.valueOf(value));
  }

  private static Authenticator apiKey(Component auth, Templates templates, EvalContext context) {
    String token = required(auth, "api_token", templates, context);
    Component option = auth.child("inject_into");
    if (option == null) {
      String header = templates.text(auth, "header", context, null);
      if (header == null) {
        throw auth.refuse("inject_into (or header) is required");
      }
      return new ApiKeyAuth(AuthSpec.ApiKeyIn.HEADER, header, token);
    }
    String name = templates.text(option, "field_name", context, null);
    if (name == null) {
      throw option.refuse("field_name is required");
    }
    return switch (option.text("inject_into", "")) {
      case "header" -> new ApiKeyAuth(AuthSpec.ApiKeyIn.HEADER, name, token);
      case "request_parameter" -> new ApiKeyAuth(AuthSpec.ApiKeyIn.QUERY, name, token);
      default -> throw option.refuse("inject_into '" + option.text("inject_into", "")
          + "' is not supported for an API key (header or request_parameter)");
    };
  }

  private static String required(Component auth, String field, Templates templates, EvalContext context) {
    String value = templates.text(auth, field, context, "");
    if (value.isEmpty()) {
      throw auth.refuse(field + " renders empty (is the config or secret value missing?)");
    }
    return value;
  }
}
