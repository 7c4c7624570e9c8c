package dev.ingest.sources.airbyte;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ingest.testkit.AirbyteCorpus;
import org.junit.jupiter.api.Test;

/** The credential form of corpus manifests: order, titles, required, secrets, oneOf auth variants. */
class CredentialFormTest {

  private static CredentialForm form(String file) throws Exception {
    return CredentialForm.of(AirbyteManifests.load(AirbyteCorpus.manifest(file), new NoInterpolation())
        .connectionSpecification());
  }

  @Test
  void leverHasOrderedFieldsAndTwoAuthVariantsSelectedByAuthType() throws Exception {
    CredentialForm form = form("source-lever-hiring.yaml");
    assertThat(form.fields()).extracting(CredentialForm.Field::path).containsExactly("start_date", "environment");
    assertThat(form.fields().get(0).required()).isTrue();
    assertThat(form.fields().get(1).options()).containsExactly("Production", "Sandbox");
    assertThat(form.fields().get(1).defaultValue()).isEqualTo("Sandbox");
    assertThat(form.lines()).containsExactly(
        "credential form (secret fields go to the secret named by credentials.secret):",
        "  start_date (Start Date; string, required)",
        "  environment (Environment; string, default Sandbox, one of Production|Sandbox)",
        "  credentials: Authentication Mechanism, one of:",
        "    credentials.auth_type = Client: Authenticate via Lever (OAuth)",
        "      credentials.client_id (Client ID; string)",
        "      credentials.client_secret (Client Secret; string, secret)",
        "      credentials.refresh_token (Refresh Token; string, required, secret)",
        "    credentials.auth_type = Api Key: Authenticate via Lever (Api Key)",
        "      credentials.api_key (Api key; string, required, secret)");
  }

  @Test
  void auth0sJsonFormNamesTheDiscriminatorAndMarksSecrets() throws Exception {
    var json = form("source-auth0.yaml").toJson();
    assertThat(json.path("fields")).extracting(f -> f.path("path").asText()).containsExactly("base_url",
        "start_date");
    var variants = json.path("choices").get(0).path("variants");
    assertThat(json.path("choices").get(0).path("required").asBoolean()).isTrue();
    assertThat(variants).extracting(v -> v.path("value").asText()).containsExactly(
        "oauth2_confidential_application", "oauth2_access_token");
    assertThat(variants.get(0).path("discriminator").asText()).isEqualTo("credentials.auth_type");
    assertThat(variants.get(0).path("fields")).filteredOn(f -> f.path("secret").asBoolean())
        .extracting(f -> f.path("path").asText()).containsExactly("credentials.client_secret");
  }

  @Test
  void nestedSecretFieldsAreTheManifestsSecretFieldsAndInlineValuesAreRefused() throws Exception {
    ManifestConnector lever = AirbyteManifests.load(AirbyteCorpus.manifest("source-lever-hiring.yaml"),
        new NoInterpolation());
    assertThat(lever.secretFields()).containsExactly("credentials.client_secret", "credentials.refresh_token",
        "credentials.api_key");
    assertThat(lever.checkConfig(java.util.Map.of("start_date", "2024-01-01T00:00:00Z",
        "credentials.refresh_token", "r-1", "credentials", "{\"auth_type\": \"Client\", \"client_secret\": \"x\"}")))
        .extracting(e -> e.path()).containsExactlyInAnyOrder("config.credentials.refresh_token",
            "config.credentials.client_secret");
    assertThat(lever.checkConfig(java.util.Map.of("start_date", "2024-01-01T00:00:00Z", "credentials.auth_type",
        "Client", "credentials.client_id", "c-1", "token_refresh_endpoint", "http://127.0.0.1:1/oauth/token")))
        .isEmpty();
  }
}
