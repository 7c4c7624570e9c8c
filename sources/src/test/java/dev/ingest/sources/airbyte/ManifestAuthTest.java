package dev.ingest.sources.airbyte;

import static dev.ingest.sources.airbyte.CompactRecords.compact;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ingest.sources.airbyte.runtime.ManifestFetcherFactory;
import dev.ingest.sources.fetch.EndpointException;
import dev.ingest.sources.fetch.ErrorClass;
import dev.ingest.sources.fetch.FetchTarget;
import dev.ingest.sources.fetch.Page;
import dev.ingest.sources.fetch.PageCursor;
import dev.ingest.sources.fetch.PageFetcher;
import dev.ingest.sources.http.ApiRequest;
import dev.ingest.sources.http.ApiResponse;
import dev.ingest.sources.http.Headers;
import dev.ingest.sources.http.HttpTransport;
import dev.ingest.sources.retry.FakeTime;
import dev.ingest.sources.retry.RetryPolicy;
import dev.ingest.sources.runtime.TestEnvironment;
import dev.ingest.sources.secret.LocalFileSecretStoreProvider;
import dev.ingest.sources.secret.SecretStore;
import dev.ingest.sources.secret.SecretStoreProvider;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * OAuthAuthenticator (refresh-token grant with refresh_token_updater, client credentials), SelectiveAuthenticator
 * and SessionTokenAuthenticator on the runtime, request by request, with a real encrypted secret store.
 */
class ManifestAuthTest {
  private static final String SPEC = """
      spec:
        type: Spec
        connection_specification:
          type: object
          properties:
            credentials:
              type: object
              oneOf:
                - type: object
                  properties:
                    auth_type: {type: string, const: oauth}
                    client_id: {type: string}
                    client_secret: {type: string, airbyte_secret: true}
                    refresh_token: {type: string, airbyte_secret: true}
                    audience: {type: string}
                - type: object
                  properties:
                    auth_type: {type: string, const: token}
                    access_token: {type: string, airbyte_secret: true}
            username: {type: string}
            password: {type: string, airbyte_secret: true}
      """;

  @TempDir Path dir;
  private final List<ApiRequest> sent = new ArrayList<>();
  private final FakeTime time = new FakeTime(Instant.parse("2026-01-01T00:00:00Z"));
  private final String connector = "auth-" + UUID.randomUUID();

  private ManifestFetcherFactory factory(String authenticator, Map<String, String> config, SecretStoreProvider secrets,
      Function<ApiRequest, ApiResponse> api) throws Exception {
    String yaml = """
        version: 6.0.0
        type: DeclarativeSource
        check: {type: CheckStream, stream_names: [items]}
        streams:
          - type: DeclarativeStream
            name: items
            retriever:
              type: SimpleRetriever
              requester:
                type: HttpRequester
                url_base: https://api.example.com/v1
                path: /items
                authenticator:
        %s
              record_selector: {type: RecordSelector, extractor: {type: DpathExtractor, field_path: [data]}}
              paginator:
                type: DefaultPaginator
                page_token_option: {type: RequestOption, inject_into: request_parameter, field_name: page}
                pagination_strategy: {type: PageIncrement, page_size: 1, start_from_page: 1}
        %s""".formatted(authenticator.indent(10), SPEC);
    ManifestConnector manifest = AirbyteManifests.parse(connector, yaml.getBytes(StandardCharsets.UTF_8), connector,
        AirbyteManifests.standardInterpolation());
    assertThat(manifest.streams()).allSatisfy(s -> assertThat(s.problem()).isNull());
    HttpTransport transport = request -> {
      sent.add(request);
      return api.apply(request);
    };
    return manifest.fetcherFactory(new ManifestFetcherFactory.Settings(connector, config, "creds", secrets,
        RetryPolicy.defaults(), new TestEnvironment(transport, time), null, null));
  }

  private static ApiResponse json(int status, String body) {
    return ApiResponse.of(status, Headers.empty(), body.getBytes(StandardCharsets.UTF_8));
  }

  /** Two pages of one record each, then an empty page; 401 for any other token than {@code valid}. */
  private static ApiResponse items(ApiRequest request, String valid) {
    if (!request.headers().first("Authorization").orElse("").equals("Bearer " + valid)) {
      return json(401, "{\"message\": \"invalid token\"}");
    }
    int page = Integer.parseInt(request.param("page").orElse("1"));
    return json(200, page <= 2 ? "{\"data\": [{\"id\": " + page + "}]}" : "{\"data\": []}");
  }

  private List<String> readAll(ManifestFetcherFactory factory) throws Exception {
    List<String> records = new ArrayList<>();
    try (PageFetcher fetcher = factory.open(FetchTarget.of("items", "run-1"))) {
      PageCursor cursor = PageCursor.first();
      for (int guard = 0; guard < 20; guard++) {
        Page page = fetcher.fetch(cursor);
        records.addAll(compact(page.records()));
        if (page.isLast()) {
          return records;
        }
        cursor = page.next().get();
      }
    }
    throw new AssertionError("paging did not stop");
  }

  private LocalFileSecretStoreProvider store(Map<String, String> fields) throws IOException {
    LocalFileSecretStoreProvider provider = new LocalFileSecretStoreProvider(dir.resolve("secrets.enc").toString());
    provider.open().write("creds", fields);
    return provider;
  }

  private List<ApiRequest> tokenRequests() {
    return sent.stream().filter(r -> r.url().startsWith("https://auth.example.com")).toList();
  }

  private static final String REFRESH_WITH_UPDATER = """
      type: OAuthAuthenticator
      token_refresh_endpoint: https://auth.example.com/oauth/token
      client_id: "{{ config['credentials']['client_id'] }}"
      client_secret: "{{ config['credentials']['client_secret'] }}"
      refresh_token: "{{ config['credentials']['refresh_token'] }}"
      grant_type: refresh_token
      refresh_token_updater: {}
      """;

  @Test
  void aRotatedRefreshTokenIsStoredBeforeTheNewAccessTokenIsUsedAndExpiryRefreshesAgain() throws Exception {
    LocalFileSecretStoreProvider secrets = store(Map.of("credentials.client_secret", "s3cr3t-client",
        "credentials.refresh_token", "refresh-0"));
    int[] issued = {0};
    ManifestFetcherFactory factory = factory(REFRESH_WITH_UPDATER, Map.of("credentials.client_id", "client-1"),
        secrets, request -> {
          if (request.url().startsWith("https://auth.example.com")) {
            int n = ++issued[0];
            return json(200, "{\"access_token\": \"access-" + n + "\", \"refresh_token\": \"refresh-" + n
                + "\", \"expires_in\": 3600}");
          }
          return items(request, "access-" + issued[0]);
        });

    assertThat(readAll(factory)).containsExactly("{\"id\":1}", "{\"id\":2}");
    assertThat(tokenRequests()).hasSize(1);
    assertThat(tokenRequests().get(0).method()).isEqualTo("POST");
    assertThat(tokenRequests().get(0).body()).contains(
        "grant_type=refresh_token&client_id=client-1&client_secret=s3cr3t-client&refresh_token=refresh-0");
    assertThat(sent).filteredOn(r -> r.url().startsWith("https://api.example.com")).hasSize(3)
        .allSatisfy(r -> assertThat(r.headers().first("Authorization")).contains("Bearer access-1"));
    assertThat(secrets.open().read("creds").orElseThrow()).containsEntry("credentials.refresh_token", "refresh-1")
        .containsEntry("credentials.access_token", "access-1")
        .containsEntry("credentials.token_expiry_date", "2026-01-01T01:00:00Z")
        .containsEntry("credentials.client_secret", "s3cr3t-client");

    time.advance(Duration.ofMinutes(61)); // expired: one more refresh, with the rotated token
    sent.clear();
    assertThat(readAll(factory)).containsExactly("{\"id\":1}", "{\"id\":2}");
    assertThat(tokenRequests()).hasSize(1);
    assertThat(tokenRequests().get(0).body().orElse("")).endsWith("refresh_token=refresh-1");
    assertThat(secrets.open().read("creds").orElseThrow()).containsEntry("credentials.refresh_token", "refresh-2")
        .containsEntry("credentials.access_token", "access-2");
  }

  @Test
  void aStoredUnexpiredAccessTokenIsUsedWithoutARefresh() throws Exception {
    LocalFileSecretStoreProvider secrets = store(Map.of("credentials.client_secret", "s3cr3t-client",
        "credentials.refresh_token", "refresh-0", "credentials.access_token", "stored-access",
        "credentials.token_expiry_date", "2026-01-01T00:30:00Z"));
    ManifestFetcherFactory factory = factory(REFRESH_WITH_UPDATER, Map.of("credentials.client_id", "client-1"),
        secrets, request -> items(request, "stored-access"));

    assertThat(readAll(factory)).containsExactly("{\"id\":1}", "{\"id\":2}");
    assertThat(tokenRequests()).isEmpty();
  }

  @Test
  void whenTheRotatedTokenCannotBeStoredTheNewAccessTokenIsNeverSent() throws Exception {
    LocalFileSecretStoreProvider real = store(Map.of("credentials.client_secret", "s3cr3t-client",
        "credentials.refresh_token", "refresh-0"));
    SecretStoreProvider readOnly = () -> new SecretStore() {
      @Override
      public Optional<Map<String, String>> read(String name) throws IOException {
        return real.open().read(name);
      }

      @Override
      public void write(String name, Map<String, String> fields) throws IOException {
        throw new IOException("disk full (refresh-1)");
      }

      @Override
      public boolean delete(String name) {
        return false;
      }
    };
    ManifestFetcherFactory factory = factory(REFRESH_WITH_UPDATER, Map.of("credentials.client_id", "client-1"),
        readOnly, request -> request.url().startsWith("https://auth.example.com")
            ? json(200, "{\"access_token\": \"access-1\", \"refresh_token\": \"refresh-1\", \"expires_in\": 60}")
            : items(request, "access-1"));

    assertThatThrownBy(() -> readAll(factory)).isInstanceOfSatisfying(EndpointException.class, e -> {
      assertThat(e.errorClass()).isEqualTo(ErrorClass.AUTH_FAILED);
      assertThat(e.getMessage()).contains("could not be written to the secret store (IOException)")
          .doesNotContain("refresh-1").doesNotContain("access-1").doesNotContain("s3cr3t");
    });
    assertThat(sent).extracting(ApiRequest::url).allMatch(url -> url.startsWith("https://auth.example.com"));
    assertThat(real.open().read("creds").orElseThrow()).containsEntry("credentials.refresh_token", "refresh-0");
  }

  private static final String SELECTIVE = """
      type: SelectiveAuthenticator
      authenticator_selection_path: [credentials, auth_type]
      authenticators:
        token:
          type: BearerAuthenticator
          api_token: "{{ config['credentials']['access_token'] }}"
        oauth:
          type: OAuthAuthenticator
          client_id: "{{ config['credentials']['client_id'] }}"
          client_secret: "{{ config['credentials']['client_secret'] }}"
          grant_type: client_credentials
          refresh_request_body: {audience: "{{ config['credentials']['audience'] }}"}
          scopes: [read:users, read:clients]
          token_refresh_endpoint: https://auth.example.com/oauth/token
      """;

  @Test
  void theSelectionPathPicksClientCredentialsWithTheRefreshRequestBody() throws Exception {
    ManifestFetcherFactory factory = factory(SELECTIVE, Map.of("credentials.auth_type", "oauth",
        "credentials.client_id", "client-1", "credentials.audience", "https://api.example.com/"),
        store(Map.of("credentials.client_secret", "s3cr3t-client")),
        request -> request.url().startsWith("https://auth.example.com")
            ? json(200, "{\"access_token\": \"cc-token\", \"expires_in\": 86400, \"token_type\": \"Bearer\"}")
            : items(request, "cc-token"));

    assertThat(readAll(factory)).containsExactly("{\"id\":1}", "{\"id\":2}");
    assertThat(tokenRequests()).singleElement().satisfies(r -> assertThat(r.body()).contains(
        "grant_type=client_credentials&client_id=client-1&client_secret=s3cr3t-client&scopes=read%3Ausers"
            + "&scopes=read%3Aclients&audience=https%3A%2F%2Fapi.example.com%2F"));
  }

  @Test
  void theSelectionPathPicksTheBearerTokenAndAnUnknownChoiceIsRefusedNamingThePath() throws Exception {
    ManifestFetcherFactory factory = factory(SELECTIVE, Map.of("credentials.auth_type", "token"),
        store(Map.of("credentials.access_token", "static-token")), request -> items(request, "static-token"));
    assertThat(readAll(factory)).containsExactly("{\"id\":1}", "{\"id\":2}");
    assertThat(tokenRequests()).isEmpty();

    ManifestFetcherFactory unknown = factory(SELECTIVE, Map.of("credentials.auth_type", "saml"),
        store(Map.of("credentials.access_token", "static-token")), request -> items(request, "x"));
    assertThatThrownBy(() -> unknown.open(FetchTarget.of("items", "run-1")))
        .isInstanceOf(EndpointException.class)
        .hasMessageContaining("config.credentials.auth_type is 'saml': it must name one of the authenticators "
            + "(token, oauth)");
  }

  @Test
  void aSessionTokenIsFetchedOnceSharedAndFetchedAgainOnlyAfterARejection() throws Exception {
    String session = """
        type: SessionTokenAuthenticator
        login_requester:
          type: HttpRequester
          url_base: https://api.example.com/v1
          path: /login
          http_method: POST
          request_body_json:
            username: "{{ config['username'] }}"
            password: "{{ config['password'] }}"
        session_token_path: [session, token]
        expiration_duration: PT1H
        request_authentication:
          type: ApiKey
          inject_into: {type: RequestOption, inject_into: header, field_name: X-Session}
        """;
    int[] logins = {0};
    int[] served = {0};
    ManifestFetcherFactory factory = factory(session, Map.of("username", "ada"), store(Map.of("password", "pw-9")),
        request -> {
          if (request.url().endsWith("/login")) {
            logins[0]++;
            return json(200, "{\"session\": {\"token\": \"sess-" + logins[0] + "\"}}");
          }
          served[0]++;
          if (served[0] == 2 && request.headers().first("X-Session").orElse("").equals("sess-1")) {
            return json(401, "{\"message\": \"session expired\"}"); // the server dropped the session early
          }
          int page = Integer.parseInt(request.param("page").orElse("1"));
          return json(200, page <= 2 ? "{\"data\": [{\"id\": " + page + "}]}" : "{\"data\": []}");
        });

    assertThat(readAll(factory)).containsExactly("{\"id\":1}", "{\"id\":2}");
    assertThat(logins[0]).isEqualTo(2);
    assertThat(sent.get(0).body()).contains("{\"username\":\"ada\",\"password\":\"pw-9\"}");
    assertThat(sent).extracting(r -> r.url().replace("https://api.example.com/v1", "") + " "
        + r.headers().first("X-Session").orElse("-")).containsExactly("/login -", "/items sess-1",
        "/items?page=2 sess-1", "/login -", "/items?page=2 sess-2", "/items?page=3 sess-2");
  }
}
