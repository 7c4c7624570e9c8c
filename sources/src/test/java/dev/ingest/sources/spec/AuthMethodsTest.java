package dev.ingest.sources.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code auth_methods}: several named ways to authenticate, each with its own credential form. */
class AuthMethodsTest {
  static final String TWO_METHODS = """
      name: demo
      base_url: "https://api.example.com"
      config:
        oauth_token_url: { default: "https://auth.example.com/token" }
      auth_methods:
        api_token:
          label: API token
          credentials:
            email: { secret: false, label: Email }
            api_token: { label: API token, help: "Settings > API" }
          auth: { type: basic, basic: { username: "{{ credentials.email }}", password: "{{ credentials.api_token }}" } }
        oauth2:
          label: OAuth app
          description: An OAuth app with a refresh token.
          credentials:
            client_id: { secret: false }
            client_secret: {}
            refresh_token: {}
          auth:
            type: oauth2
            oauth2:
              grant: refresh_token
              token_url: "{{ config.oauth_token_url }}"
              client_id: "{{ credentials.client_id }}"
              client_secret: "{{ credentials.client_secret }}"
              refresh_token: "{{ credentials.refresh_token }}"
      endpoints:
        tickets: { path: /tickets, records: tickets }
      """;

  @Test
  void theFirstMethodIsTheDefaultAndAnotherCanBeSelected() throws Exception {
    ConnectorSpec spec = ConnectorLoader.parse(TWO_METHODS, "two.yaml");

    assertThat(spec.authMethods()).containsOnlyKeys("api_token", "oauth2");
    assertThat(spec.authMethod()).isEqualTo("api_token");
    assertThat(spec.auth().type()).isEqualTo(AuthSpec.Type.BASIC);
    assertThat(spec.credentials()).containsOnlyKeys("email", "api_token");
    assertThat(spec.authMethods().get("oauth2").label()).isEqualTo("OAuth app");
    assertThat(spec.authMethods().get("oauth2").description()).isEqualTo("An OAuth app with a refresh token.");

    ConnectorSpec oauth = spec.withAuthMethod("oauth2").orElseThrow();
    assertThat(oauth.authMethod()).isEqualTo("oauth2");
    assertThat(oauth.auth().type()).isEqualTo(AuthSpec.Type.OAUTH2);
    assertThat(oauth.auth().oauth2().refreshToken()).isEqualTo("{{ credentials.refresh_token }}");
    assertThat(oauth.credentials()).containsOnlyKeys("client_id", "client_secret", "refresh_token");
    assertThat(oauth.selectedAuthMethod().label()).isEqualTo("OAuth app");
    assertThat(oauth.endpoints()).isEqualTo(spec.endpoints());
    assertThat(spec.withAuthMethod("saml")).isEmpty();
  }

  @Test
  void aConnectorWithOneAuthBlockHasOneMethodNamedAfterItsType() throws Exception {
    ConnectorSpec spec = ConnectorLoader.parse(ConnectorLoaderTest.MINIMAL, "minimal.yaml");

    assertThat(spec.authMethods()).containsOnlyKeys("bearer");
    assertThat(spec.selectedAuthMethod().credentials()).isEqualTo(spec.credentials());
    assertThat(spec.selectedAuthMethod().label()).isEqualTo("bearer");
  }

  @Test
  void eachMethodsTemplatesSeeOnlyItsOwnCredentials() {
    SpecException e = rejected(TWO_METHODS.replace(
        "refresh_token: \"{{ credentials.refresh_token }}\"", "refresh_token: \"{{ credentials.api_token }}\""));

    assertThat(e.errors()).extracting(FieldError::path).containsExactly("auth_methods.oauth2.auth.oauth2.refresh_token");
    assertThat(e.errors().get(0).message()).contains("unknown variable 'credentials.api_token'")
        .contains("client_id, client_secret, refresh_token");
  }

  @Test
  void badMethodsAreReportedWithTheirFieldPath() {
    assertThat(paths(rejected(TWO_METHODS.replace("endpoints:\n", "auth: { type: bearer, token: x }\nendpoints:\n"))))
        .contains("auth_methods");
    assertThat(paths(rejected(TWO_METHODS.replace("    auth: { type: basic, basic: { username: \"{{ credentials.email }}\", "
        + "password: \"{{ credentials.api_token }}\" } }\n", ""))))
        .containsExactly("auth_methods.api_token.auth");
    assertThat(paths(rejected(TWO_METHODS.replace("  api_token:\n    label", "  Api-Token:\n    label"))))
        .contains("auth_methods.Api-Token");
    assertThat(paths(rejected(TWO_METHODS.replace("label: OAuth app", "lable: OAuth app"))))
        .containsExactly("auth_methods.oauth2.lable");
    assertThat(paths(rejected(TWO_METHODS.replace("type: oauth2\n", "type: oauth3\n"))))
        .containsExactly("auth_methods.oauth2.auth.type");
    SpecException none = rejected(TWO_METHODS.substring(0, TWO_METHODS.indexOf("auth_methods:"))
        + "auth_methods: {}\nendpoints:\n  tickets: { path: /tickets, records: tickets }\n");
    assertThat(paths(none)).containsExactly("auth_methods");
    assertThat(none.errors().get(0).message()).contains("at least one auth method");
  }

  private static List<String> paths(SpecException e) {
    assertThat(e).as("rejected").isNotNull();
    return e.errors().stream().map(FieldError::path).toList();
  }

  private static SpecException rejected(String yaml) {
    return catchThrowableOfType(SpecException.class, () -> ConnectorLoader.parse(yaml, "test.yaml"));
  }

}
