package dev.ingest.sources.auth;

import dev.ingest.sources.spec.AuthSpec;
import dev.ingest.sources.template.Template;
import dev.ingest.sources.template.TemplateContext;

/** Builds the {@link Authenticator} of an {@link AuthSpec}, rendering its templates with a context. */
public final class Authenticators {
  private Authenticators() {}

  /**
   * Renders the spec's templates with {@code context} (config and credentials) and builds the authenticator.
   *
   * @throws dev.ingest.sources.template.TemplateException naming a variable without a value (never a value)
   */
  public static Authenticator create(AuthSpec spec, TemplateContext context) {
    return switch (spec.type()) {
      case NONE -> NoAuth.INSTANCE;
      case BEARER -> new BearerAuth(render(spec.token(), context));
      case API_KEY -> new ApiKeyAuth(spec.apiKeyIn(), spec.apiKeyName(), render(spec.apiKeyValue(), context));
      case BASIC -> new BasicAuth(render(spec.username(), context),
          spec.password() == null ? "" : render(spec.password(), context));
    };
  }

  private static String render(String template, TemplateContext context) {
    return Template.parse(template).render(context);
  }
}
