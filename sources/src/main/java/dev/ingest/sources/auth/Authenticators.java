package dev.ingest.sources.auth;

import dev.ingest.sources.spec.AuthSpec;
import dev.ingest.sources.spec.OAuth2Spec;
import dev.ingest.sources.template.Namespace;
import dev.ingest.sources.template.Template;
import dev.ingest.sources.template.TemplateContext;
import dev.ingest.sources.template.Variable;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds the {@link Authenticator} of an {@link AuthSpec}, rendering its templates with a context. */
public final class Authenticators {
  private Authenticators() {}

  /**
   * Renders the spec's templates with {@code context} (config and credentials) and builds the authenticator of
   * a static scheme.
   *
   * @throws dev.ingest.sources.template.TemplateException naming a variable without a value (never a value)
   * @throws IllegalArgumentException for {@code oauth2}, which needs {@link #create(AuthSpec, TemplateContext,
   *     OAuth2Context)}
   */
  public static Authenticator create(AuthSpec spec, TemplateContext context) {
    return create(spec, context, null);
  }

  /** As {@link #create(AuthSpec, TemplateContext)}; {@code oauth} is required by {@code oauth2} schemes. */
  public static Authenticator create(AuthSpec spec, TemplateContext context, OAuth2Context oauth) {
    return switch (spec.type()) {
      case NONE -> NoAuth.INSTANCE;
      case BEARER -> new BearerAuth(render(spec.token(), context));
      case API_KEY -> new ApiKeyAuth(spec.apiKeyIn(), spec.apiKeyName(), render(spec.apiKeyValue(), context));
      case BASIC -> new BasicAuth(render(spec.username(), context),
          spec.password() == null ? "" : render(spec.password(), context));
      case OAUTH2 -> oauth2(spec.oauth2(), context, oauth);
    };
  }

  private static Authenticator oauth2(OAuth2Spec spec, TemplateContext context, OAuth2Context oauth) {
    if (oauth == null) {
      throw new IllegalArgumentException("oauth2 auth needs a token endpoint and a secret writer");
    }
    Map<String, String> params = new LinkedHashMap<>();
    spec.params().forEach((k, v) -> params.put(k, render(v, context)));
    TokenRequest request = new TokenRequest(spec.grant(), render(spec.tokenUrl(), context),
        render(spec.clientId(), context), spec.clientSecret() == null ? null : render(spec.clientSecret(), context),
        String.join(" ", spec.scopes()), spec.clientAuth(), params);
    String refreshToken = spec.refreshToken() == null ? null : render(spec.refreshToken(), context);
    String field = credentialField(spec.refreshToken());
    OAuth2Session session = oauth.sessions().session(oauth.connector(), oauth.credential(),
        () -> new OAuth2Session(oauth.connector() + " secret '" + oauth.credential() + "'", request, refreshToken,
            field, Duration.ofSeconds(spec.refreshBeforeSeconds()), oauth.clock()));
    session.attach(oauth.endpoint(), oauth.writer(), refreshToken);
    return new OAuth2Auth(session, spec.tokenHeader(), spec.tokenPrefix());
  }

  /** The credentials key when {@code template} is exactly one {@code {{ credentials.key }}}, else null. */
  private static String credentialField(String template) {
    if (template == null) {
      return null;
    }
    Template parsed = Template.parse(template);
    List<Variable> variables = parsed.variables();
    if (variables.size() != 1 || variables.get(0).namespace() != Namespace.CREDENTIALS
        || !template.strip().startsWith("{{") || !template.strip().endsWith("}}")) {
      return null;
    }
    return variables.get(0).key();
  }

  private static String render(String template, TemplateContext context) {
    return Template.parse(template).render(context);
  }
}
