package dev.ingest.control.api;

import static dev.ingest.control.api.ApiFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Connect routes' refusals, through real HTTP requests (the flow itself: OAuthConnectDashboardITCase). */
class OAuthRoutesTest {
  static final String HUBSPOT = "{\"connector\":\"hubspot\",\"credential\":\"crm-oauth\",\"fields\":{\"client_id\":"
      + "\"app\",\"client_secret\":\"s3cret-value\"},\"config\":{\"oauth_token_url\":\"%s\"}}";
  @TempDir Path dir;
  ApiFixture api;

  @BeforeEach
  void start() {
    api = new ApiFixture(dir);
  }

  @AfterEach
  void stop() {
    api.close();
  }

  @Test
  void startAnswersTheAuthorizeUrlWithPkceAndNoSecret() {
    HttpResponse<String> started = api.call("POST", "/api/oauth/start",
        HUBSPOT.formatted("http://127.0.0.1:9/token"));

    assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
    String url = json(started).path("authorize_url").asText();
    assertThat(url).startsWith("https://app.hubspot.com/oauth/authorize?response_type=code&client_id=app&")
        .contains("&code_challenge_method=S256").contains("&state=").doesNotContain("s3cret");
    assertThat(started.body()).doesNotContain("s3cret");
    assertThat(started.headers().firstValue("Set-Cookie")).hasValueSatisfying(c ->
        assertThat(c).startsWith("ingest_oauth=").contains("HttpOnly").contains("SameSite=Lax"));
  }

  @Test
  void connectingASecretOtherPipelinesShareAsksFirst() {
    String body = HUBSPOT.formatted("http://127.0.0.1:9/token");
    assertThat(api.call("POST", "/api/pipelines", CredentialsListTest.pipeline("billing", "crm-oauth")).statusCode())
        .isEqualTo(201);
    // one pipeline naming the secret: connecting it again is just a new token for that pipeline
    assertThat(api.call("POST", "/api/oauth/start", body).statusCode()).isEqualTo(200);

    assertThat(api.call("POST", "/api/pipelines", CredentialsListTest.pipeline("support", "crm-oauth")).statusCode())
        .isEqualTo(201);
    HttpResponse<String> refused = api.call("POST", "/api/oauth/start", body);
    assertThat(refused.statusCode()).isEqualTo(409);
    assertThat(json(refused).path("error").asText()).isEqualTo("shared_credential");
    assertThat(json(refused).path("pipelines").toString()).isEqualTo("[\"billing\",\"support\"]");
    assertThat(refused.headers().firstValue("Set-Cookie")).as("no flow started").isEmpty();
    assertThat(refused.body()).doesNotContain("s3cret");

    HttpResponse<String> confirmed = api.call("POST", "/api/oauth/start?confirm_shared=true", body);
    assertThat(confirmed.statusCode()).isEqualTo(200);
    assertThat(json(confirmed).path("authorize_url").asText()).startsWith("https://app.hubspot.com/oauth/authorize?");
  }

  @Test
  void badStartsNameTheFieldAndTheCallbackRefusesAnUnknownState() {
    assertThat(json(api.call("POST", "/api/oauth/start", HUBSPOT.formatted("http://169.254.169.254/token")))
        .path("message").asText()).startsWith("the token URL http://169.254.169.254/token is refused by the "
            + "network policy");
    assertThat(json(api.call("POST", "/api/oauth/start", "{\"connector\":\"stripe\",\"credential\":\"x\"}"))
        .path("message").asText()).isEqualTo("connector stripe has no auth method 'oauth2' with an "
            + "authorization-code flow (authorize_url)");
    assertThat(json(api.call("POST", "/api/oauth/start", HUBSPOT.replace("\"client_id\"", "\"refresh_token\"")
        .formatted("http://127.0.0.1:9/token"))).path("errors").get(0).path("field").asText())
        .isEqualTo("fields.refresh_token");

    HttpResponse<String> callback = api.send("GET", "/oauth/callback?code=c&state=forged", null, Map.of());
    assertThat(callback.statusCode()).isEqualTo(303);
    assertThat(callback.headers().firstValue("Location")).contains("/dashboard/#/oauth?error="
        + "unknown+or+already+used+state%3A+start+again+with+Connect");
  }
}
