package dev.ingest.sources.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The connector keys of the runtime: rate_limit, oauth2, method/body, body and GraphQL paging, incremental, parent. */
class RuntimeKeysLoaderTest {
  private static final String FULL = """
      name: crm
      base_url: https://api.example.com
      credentials:
        client_id: { label: Client id, secret: false }
        client_secret: { label: Client secret }
        refresh_token: { label: Refresh token }
      config:
        start_date: { required: false }
      auth:
        type: oauth2
        oauth2:
          grant: refresh_token
          token_url: https://auth.example.com/token
          client_id: "{{ credentials.client_id }}"
          client_secret: "{{ credentials.client_secret }}"
          refresh_token: "{{ credentials.refresh_token }}"
          scopes: [crm.read]
          client_auth: basic
          params: { audience: api }
          refresh_before_seconds: 120
      rate_limit: { requests_per_second: 10, burst: 20 }
      endpoints:
        projects:
          path: /projects
          records: data
          paging: { type: offset, page_size: 50, total_path: total, has_more_path: has_more }
        tasks:
          parent: projects
          path: /projects/{{ parent.gid }}/tasks
          records: data
          incremental:
            cursor_field: modified_at
            param: modified_since
            start: "{{ config.start_date }}"
            lookback: PT10M
        search:
          method: POST
          path: /search
          body:
            filter: { updated: { gte: "{{ incremental.since }}" } }
          records: results
          paging: { type: body_cursor, cursor_path: paging.next.after, cursor_param: after, cursor_in: body }
          incremental: { cursor_field: updatedAt }
        issues:
          method: POST
          path: /graphql
          body: { query: "query($first:Int,$after:String){issues(first:$first,after:$after){nodes{id}}}" }
          records: data.issues.nodes
          paging: { type: graphql, connection_path: data.issues, page_size: 50 }
      """;

  @Test
  void readsEveryRuntimeKey() throws SpecException {
    ConnectorSpec spec = ConnectorLoader.parse(FULL, "full.yaml");

    assertThat(spec.rateLimit()).isEqualTo(new RateLimitSpec(10, 20, true));
    OAuth2Spec oauth = spec.auth().oauth2();
    assertThat(spec.auth().type()).isEqualTo(AuthSpec.Type.OAUTH2);
    assertThat(oauth.grant()).isEqualTo(OAuth2Spec.Grant.REFRESH_TOKEN);
    assertThat(oauth.scopes()).containsExactly("crm.read");
    assertThat(oauth.clientAuth()).isEqualTo(OAuth2Spec.ClientAuth.BASIC);
    assertThat(oauth.params()).containsEntry("audience", "api");
    assertThat(oauth.refreshBeforeSeconds()).isEqualTo(120);
    assertThat(oauth.tokenHeader()).isEqualTo("Authorization");
    assertThat(oauth.tokenPrefix()).isEqualTo("Bearer ");
    assertThat(spec.needsSecret()).isTrue();

    EndpointSpec projects = spec.endpoint("projects").orElseThrow();
    assertThat(projects.paging().totalPath()).isEqualTo("total");
    assertThat(projects.paging().hasMorePath()).isEqualTo("has_more");

    EndpointSpec tasks = spec.endpoint("tasks").orElseThrow();
    assertThat(tasks.parent()).isEqualTo("projects");
    assertThat(tasks.incremental()).isEqualTo(new IncrementalSpec("modified_at", "modified_since",
        "{{ config.start_date }}", Duration.ofMinutes(10)));

    EndpointSpec search = spec.endpoint("search").orElseThrow();
    assertThat(search.method()).isEqualTo("POST");
    assertThat(((ObjectNode) search.body()).at("/filter/updated/gte").asText()).isEqualTo("{{ incremental.since }}");
    assertThat(search.paging().cursorIn()).isEqualTo(PagingSpec.ParamIn.BODY);

    EndpointSpec issues = spec.endpoint("issues").orElseThrow();
    assertThat(issues.paging().type()).isEqualTo(PagingSpec.Type.GRAPHQL);
    assertThat(issues.paging().cursorParam()).isEqualTo("after");
    assertThat(issues.paging().sizeParam()).isEqualTo("first");
    assertThat(issues.paging().cursorIn()).isEqualTo(PagingSpec.ParamIn.BODY);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "rate_limit: { burst: 2 }|rate_limit.requests_per_second: required",
      "rate_limit: { requests_per_second: 0 }|rate_limit.requests_per_second: must be a number above 0",
      "rate_limit: { requests_per_second: 5, bursts: 2 }|rate_limit.bursts: unknown field (did you mean 'burst'?)",
      "paging: { type: offset, parallel: 4 }|paging.parallel: needs total_path",
      "paging: { type: body_cursor, cursor_path: n, cursor_param: c, parallel: 4 }|paging.parallel: not used by "
          + "paging type 'body_cursor'",
  })
  void rejectsBadRateLimits(String block, String error) {
    assertThat(errors(MINIMAL + block + "\n")).anySatisfy(e -> assertThat(e).startsWith(error));
  }

  @Test
  void readsAStripeStyleLastRecordCursor() throws SpecException {
    ConnectorSpec spec = ConnectorLoader.parse(MINIMAL.replace("records: tickets", "records: data\n    paging: { "
        + "type: body_cursor, cursor_record_field: id, cursor_param: starting_after, has_more_path: has_more }"),
        "stripe.yaml");

    PagingSpec paging = spec.endpoint("tickets").orElseThrow().paging();
    assertThat(paging.cursorRecordField()).isEqualTo("id");
    assertThat(paging.cursorPath()).isNull();
    assertThat(errors(MINIMAL.replace("records: tickets", "records: data\n    paging: { type: body_cursor, "
        + "cursor_record_field: id, cursor_path: next, cursor_param: starting_after }")))
        .contains("endpoints.tickets.paging.cursor_record_field: use either cursor_path or cursor_record_field, "
            + "not both");
  }

  @Test
  void rejectsBadOAuthBlocks() {
    String refreshWithoutToken = MINIMAL.replace("auth: { type: bearer, token: \"{{ credentials.token }}\" }",
        "auth: { type: oauth2, oauth2: { grant: refresh_token, token_url: https://a/t, "
            + "client_id: \"{{ credentials.token }}\" } }");
    assertThat(errors(refreshWithoutToken)).contains("auth.oauth2.refresh_token: required");

    String unknownGrant = refreshWithoutToken.replace("grant: refresh_token", "grant: password");
    assertThat(errors(unknownGrant))
        .contains("auth.oauth2.grant: must be refresh_token or client_credentials, got 'password'");
  }

  @Test
  void readsTheAccessTokenHeaderOfAnOAuthBlock() throws SpecException {
    String shopifyStyle = FULL.replace("refresh_before_seconds: 120",
        "refresh_before_seconds: 120\n    token_header: X-Shopify-Access-Token\n    token_prefix: \"\"");
    OAuth2Spec oauth = ConnectorLoader.parse(shopifyStyle, "full.yaml").auth().oauth2();

    assertThat(oauth.tokenHeader()).isEqualTo("X-Shopify-Access-Token");
    assertThat(oauth.tokenPrefix()).isEmpty();
  }

  @Test
  void readsTheAuthorizationCodeFlowOfAnOAuthBlockAndRefusesItWithoutARefreshToken() throws SpecException {
    String connect = FULL.replace("refresh_before_seconds: 120", "refresh_before_seconds: 120\n    "
        + "authorize_url: https://auth.example.com/authorize\n    authorize_scopes: [crm.read, offline]");
    OAuth2Spec oauth = ConnectorLoader.parse(connect, "full.yaml").auth().oauth2();

    assertThat(oauth.authorizeUrl()).isEqualTo("https://auth.example.com/authorize");
    assertThat(oauth.authorizeScopes()).containsExactly("crm.read", "offline");
    assertThat(oauth.connectable()).isTrue();
    assertThat(ConnectorLoader.parse(FULL, "full.yaml").auth().oauth2().connectable()).isFalse();
    assertThat(errors(connect.replace("grant: refresh_token", "grant: client_credentials")
        .replace("    refresh_token: \"{{ credentials.refresh_token }}\"\n", "")))
        .contains("auth.oauth2.authorize_url: needs grant 'refresh_token' (the authorization-code flow yields one)");
  }

  @Test
  void rejectsBadAccessTokenHeaders() {
    String block = "refresh_before_seconds: 120\n    ";
    assertThat(errors(FULL.replace("refresh_before_seconds: 120", block + "token_header: \"X Token:\"")))
        .contains("auth.oauth2.token_header: not a valid header name: 'X Token:'");
    assertThat(errors(FULL.replace("refresh_before_seconds: 120", block + "token_header: \"\"")))
        .contains("auth.oauth2.token_header: must not be empty");
    assertThat(errors(FULL.replace("refresh_before_seconds: 120", block + "token_prefix: \"Bearer\\n\"")))
        .contains("auth.oauth2.token_prefix: must not contain control characters (line breaks, tabs)");
    assertThat(errors(FULL.replace("refresh_before_seconds: 120",
        block + "token_prefix: \"{{ credentials.client_id }}\"")))
        .contains("auth.oauth2.token_prefix: must be literal text, not a template");
    assertThat(errors(FULL.replace("refresh_before_seconds: 120", block + "token_prefix: [Bearer]")))
        .contains("auth.oauth2.token_prefix: must be a string");
  }

  @Test
  void rejectsBadEndpointKeys() {
    assertThat(errors(MINIMAL.replace("records: tickets", "records: tickets\n    method: DELETE")))
        .contains("endpoints.tickets.method: must be GET or POST, got 'DELETE'");
    assertThat(errors(MINIMAL.replace("records: tickets", "records: tickets\n    body: { a: 1 }")))
        .contains("endpoints.tickets.body: needs method: POST");
    assertThat(errors(MINIMAL.replace("records: tickets", "records: tickets\n    paging: { type: body_cursor, "
        + "cursor_path: next, cursor_param: after, cursor_in: body }")))
        .contains("endpoints.tickets.body: required by paging that sends its cursor in the request body");
    assertThat(errors(MINIMAL.replace("records: tickets", "records: tickets\n    parent: projects")))
        .anySatisfy(e -> assertThat(e).startsWith("endpoints.tickets.parent: unknown endpoint 'projects'"));
    assertThat(errors(MINIMAL.replace("records: tickets", "records: tickets\n    parent: tickets")))
        .contains("endpoints.tickets.parent: parents form a loop: tickets -> tickets");
    assertThat(errors(MINIMAL.replace("path: /tickets", "path: \"/t/{{ parent.id }}\"")))
        .contains("endpoints.tickets.path: uses {{ parent.* }} but endpoint 'tickets' declares no parent");
    assertThat(errors(MINIMAL.replace("records: tickets", "records: tickets\n    incremental: { cursor_field: u, "
        + "lookback: 1h }")))
        .contains("endpoints.tickets.incremental.lookback: must be an ISO-8601 duration such as PT1H, got '1h'");
    assertThat(errors(MINIMAL.replace("path: /tickets", "path: /tickets\n    params: { since: \"{{ incremental.since }}\" }")))
        .contains("endpoints.tickets.params.since: uses {{ incremental.* }} but endpoint 'tickets' declares no "
            + "incremental block");
    assertThat(errors(MINIMAL.replace("records: tickets", "records: tickets\n    incremental: { param: since }")))
        .contains("endpoints.tickets.incremental.cursor_field: required");
  }

  private static final String MINIMAL = """
      name: demo
      base_url: "https://api.example.com"
      credentials:
        token: { label: Token }
      auth: { type: bearer, token: "{{ credentials.token }}" }
      endpoints:
        tickets:
          path: /tickets
          records: tickets
      """;

  private static List<String> errors(String yaml) {
    SpecException e = catchThrowableOfType(SpecException.class, () -> ConnectorLoader.parse(yaml, "test.yaml"));
    assertThat(e).as("expected errors in:\n%s", yaml).isNotNull();
    return e.errors().stream().map(FieldError::toString).toList();
  }
}
