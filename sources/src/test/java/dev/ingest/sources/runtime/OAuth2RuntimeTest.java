package dev.ingest.sources.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ingest.sources.fetch.EndpointException;
import dev.ingest.sources.fetch.ErrorClass;
import dev.ingest.sources.fetch.FetchTarget;
import dev.ingest.sources.fetch.PageCursor;
import dev.ingest.sources.fetch.PageFetcherFactory;
import dev.ingest.sources.http.ApiRequest;
import dev.ingest.sources.retry.FakeTime;
import dev.ingest.sources.retry.RetryPolicy;
import dev.ingest.sources.spec.ConnectorLoader;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** OAuth 2.0 grants end to end through the fetcher factory, on a scripted transport and fake time. */
class OAuth2RuntimeTest {
  private static final String TOKEN_URL = "https://auth.example.com/oauth/token";
  private static final String REFRESH = """
      name: oauthapi
      base_url: https://api.example.com
      credentials:
        client_id: { label: Client id, secret: false }
        client_secret: { label: Client secret }
        refresh_token: { label: Refresh token }
      auth:
        type: oauth2
        oauth2:
          grant: refresh_token
          token_url: https://auth.example.com/oauth/token
          client_id: "{{ credentials.client_id }}"
          client_secret: "{{ credentials.client_secret }}"
          refresh_token: "{{ credentials.refresh_token }}"
          scopes: [read, write]
          refresh_before_seconds: 60
      endpoints:
        items: { path: /items, records: items }
      """;
  private static final String CLIENT_CREDENTIALS = """
      name: ccapi
      base_url: https://api.example.com
      credentials:
        client_id: { label: Client id, secret: false }
        client_secret: { label: Client secret }
      auth:
        type: oauth2
        oauth2:
          grant: client_credentials
          token_url: https://auth.example.com/oauth/token
          client_id: "{{ credentials.client_id }}"
          client_secret: "{{ credentials.client_secret }}"
          client_auth: basic
      endpoints:
        items: { path: /items, records: items }
      """;
  private static final String ITEMS = "{\"items\":[{\"id\":1}]}";

  private final ScriptedTransport transport = new ScriptedTransport();
  private final FakeTime time = new FakeTime();
  private final TestEnvironment environment = new TestEnvironment(transport, time);
  private final MemorySecrets secrets = new MemorySecrets().with("crm", Map.of("client_id", "cid",
      "client_secret", "csecret-123", "refresh_token", "refresh-1"));

  private PageFetcherFactory factory(String yaml) throws Exception {
    return new ConnectorPageFetcherFactory(ConnectorLoader.parse(yaml, "test"), Map.of(), "crm", secrets,
        RetryPolicy.defaults(), environment);
  }

  private void fetch(PageFetcherFactory factory) throws Exception {
    factory.open(FetchTarget.of("items", "run")).fetch(PageCursor.first());
  }

  private static String token(String access, long expiresIn, String refresh) {
    return "{\"access_token\":\"" + access + "\",\"token_type\":\"bearer\",\"expires_in\":" + expiresIn
        + (refresh == null ? "" : ",\"refresh_token\":\"" + refresh + "\"") + "}";
  }

  @Test
  void refreshesOnceAfter401AndWritesTheRotatedRefreshTokenBack() throws Exception {
    transport.respond(200, token("access-1", 3600, "refresh-2")).respond(200, ITEMS)
        .respond(401, "{\"error\":\"expired\"}").respond(200, token("access-2", 3600, "refresh-3"))
        .respond(200, ITEMS);
    PageFetcherFactory factory = factory(REFRESH);

    fetch(factory);
    fetch(factory);

    ApiRequest firstToken = transport.sent().get(0);
    assertThat(firstToken.method()).isEqualTo("POST");
    assertThat(firstToken.url()).isEqualTo(TOKEN_URL);
    assertThat(firstToken.body().orElseThrow()).isEqualTo("grant_type=refresh_token&refresh_token=refresh-1"
        + "&scope=read%20write&client_id=cid&client_secret=csecret-123");
    assertThat(transport.sent().get(1).headers().first("Authorization")).contains("Bearer access-1");
    assertThat(transport.sent().get(3).body().orElseThrow()).contains("refresh_token=refresh-2");
    assertThat(transport.sent().get(4).headers().first("Authorization")).contains("Bearer access-2");
    assertThat(secrets.read("crm").orElseThrow()).containsEntry("refresh_token", "refresh-3")
        .containsEntry("client_secret", "csecret-123");
    assertThat(firstToken.toString()).doesNotContain("csecret-123").doesNotContain("refresh-1");
  }

  @Test
  void refreshesShortlyBeforeExpiry() throws Exception {
    transport.respond(200, token("access-1", 100, null)).respond(200, ITEMS)
        .respond(200, token("access-2", 100, null)).respond(200, ITEMS);
    PageFetcherFactory factory = factory(REFRESH);

    fetch(factory);
    time.advance(Duration.ofSeconds(50));
    fetch(factory);

    assertThat(transport.sent()).extracting(ApiRequest::url)
        .containsExactly(TOKEN_URL, "https://api.example.com/items", TOKEN_URL, "https://api.example.com/items");
    assertThat(secrets.writes()).isZero();
  }

  @Test
  void aCredentialThatStaysRejectedFailsAsAuthAfterOneRefresh() throws Exception {
    transport.respond(200, token("access-1", 3600, null)).respond(401, "{}")
        .respond(200, token("access-2", 3600, null)).respond(401, "{}");
    PageFetcherFactory factory = factory(REFRESH);

    assertThatThrownBy(() -> fetch(factory)).isInstanceOfSatisfying(EndpointException.class,
        e -> assertThat(e.errorClass()).isEqualTo(ErrorClass.AUTH_FAILED));
    assertThat(transport.sent()).hasSize(4);
  }

  @Test
  void aRevokedRefreshTokenIsAnAuthFailureWithoutSecrets() throws Exception {
    transport.respond(400, "{\"error\":\"invalid_grant\",\"error_description\":\"refresh-1 revoked\"}");
    PageFetcherFactory factory = factory(REFRESH);

    assertThatThrownBy(() -> fetch(factory))
        .isInstanceOfSatisfying(EndpointException.class,
            e -> assertThat(e.errorClass()).isEqualTo(ErrorClass.AUTH_FAILED))
        .hasMessageContaining("OAuth token request")
        .hasMessageContaining("invalid_grant")
        .hasMessageNotContaining("refresh-1")
        .hasMessageNotContaining("csecret-123");
  }

  @Test
  void anAccessTokenEchoedInAnErrorBodyIsMasked() throws Exception {
    transport.respond(200, token("access-echo-1", 3600, null))
        .respond(400, "{\"error\":\"bad request for token access-echo-1\"}");
    PageFetcherFactory factory = factory(REFRESH);

    assertThatThrownBy(() -> fetch(factory))
        .isInstanceOfSatisfying(EndpointException.class,
            e -> assertThat(e.errorClass()).isEqualTo(ErrorClass.CLIENT_ERROR))
        .hasMessageContaining("bad request for token ***")
        .hasMessageNotContaining("access-echo-1");
  }

  @Test
  void sendsTheAccessTokenInTheConfiguredHeaderWithoutPrefix() throws Exception {
    transport.respond(200, "{\"access_token\":\"shpat-cc\",\"scope\":\"read_orders\",\"expires_in\":86399}")
        .respond(200, ITEMS);
    PageFetcherFactory factory = factory(CLIENT_CREDENTIALS.replace("client_auth: basic",
        "client_auth: body\n    token_header: X-Shopify-Access-Token\n    token_prefix: \"\""));

    fetch(factory);

    ApiRequest apiRequest = transport.sent().get(1);
    assertThat(apiRequest.headers().first("X-Shopify-Access-Token")).contains("shpat-cc");
    assertThat(apiRequest.headers().first("Authorization")).isEmpty();
    assertThat(apiRequest.toString()).doesNotContain("shpat-cc");
    assertThat(transport.sent().get(0).body().orElseThrow())
        .isEqualTo("grant_type=client_credentials&client_id=cid&client_secret=csecret-123");
  }

  @Test
  void clientCredentialsTokenIsSharedByEveryFetcherOfTheCredential() throws Exception {
    transport.respond(200, token("cc-access", 3600, null)).respond(200, ITEMS).respond(200, ITEMS);
    PageFetcherFactory factory = factory(CLIENT_CREDENTIALS);

    fetch(factory);
    fetch(factory);

    ApiRequest tokenRequest = transport.sent().get(0);
    assertThat(tokenRequest.body().orElseThrow()).isEqualTo("grant_type=client_credentials");
    assertThat(tokenRequest.headers().first("Authorization")).hasValueSatisfying(v -> assertThat(v)
        .startsWith("Basic "));
    assertThat(transport.sent()).hasSize(3);
  }
}
