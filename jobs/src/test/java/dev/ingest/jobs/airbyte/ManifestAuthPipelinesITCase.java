package dev.ingest.jobs.airbyte;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ingest.jobs.spec.PipelineSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Corpus manifests whose auth needs requests of its own, unmodified, as pipelines: auth0 (SelectiveAuthenticator
 * choosing OAuthAuthenticator's client-credentials grant with an {@code audience} body) and lever_hiring
 * (SelectiveAuthenticator choosing the refresh-token grant), against fakes written from the providers' docs. The
 * token is requested exactly once for the whole run: every stream, partition and the schema discovery share it.
 * auth0 {@code users} runs yearly {@code DatetimeBasedCursor} windows inside a Lucene query parameter; lever's
 * {@code opportunities} runs 30-day windows in millisecond options, and its five substreams fan out over every
 * opportunity of every window. auth0 {@code organization_member_roles} reaches its grandparent's organization id
 * through {@code stream_partition.parent_slice}.
 */
class ManifestAuthPipelinesITCase {
  @TempDir Path dir;

  @Test
  void auth0LandsClientsOrganizationsMembersAndYearlyUserWindowsWithOneClientCredentialsToken() throws Exception {
    try (Auth0Api api = new Auth0Api()) {
      ManifestPipelineRun run = new ManifestPipelineRun(dir).secret("auth0", Map.of("credentials.client_secret",
          Auth0Api.CLIENT_SECRET));
      List<String> streams = List.of("clients", "organizations", "organization_members", "users",
          "organization_member_roles");
      int year = api.firstYear();
      PipelineSpec pipeline = run.run(ManifestPipelineRun.yaml("auth0", "source-auth0.yaml", String.join("\n",
          "url_base: " + api.origin() + "/api/v2",
          "base_url: " + api.baseUrl(),
          "credentials.auth_type: oauth2_confidential_application",
          "credentials.client_id: " + Auth0Api.CLIENT_ID,
          "credentials.audience: " + api.audience(), "start_date: " + year + "-01-01T00:00:00.000Z"), "auth0",
          streams));

      assertThat(run.column(pipeline, "clients", "client_id")).containsExactlyElementsOf(
          Auth0Api.clients().stream().map(c -> c.get("client_id")).toList());
      assertThat(run.column(pipeline, "organizations", "id")).containsExactly("org_1", "org_2", "org_3");
      assertThat(run.column(pipeline, "organization_members", "user_id")).containsExactly("auth0|org_1-1",
          "auth0|org_1-2", "auth0|org_2-1", "auth0|org_2-2", "auth0|org_2-3");
      // 0-based pages of 50: no page on the first request (PageIncrement from 0), then 1 and 2; 20 < 50 stops
      int discovery = 1;
      List<String> clients = api.requests("/api/v2/clients").stream().map(ManifestApi.Request::line).toList();
      assertThat(clients).hasSize(3 + discovery);
      assertThat(clients.subList(discovery, clients.size())).containsExactly("/api/v2/clients?per_page=50",
          "/api/v2/clients?page=1&per_page=50", "/api/v2/clients?page=2&per_page=50");
      for (int org = 1; org <= Auth0Api.ORGANIZATIONS; org++) {
        assertThat(api.requests("/api/v2/organizations/org_" + org + "/members")).extracting(
            ManifestApi.Request::line).as("org_" + org).endsWith("/api/v2/organizations/org_" + org
            + "/members?per_page=50");
      }
      // organization_member_roles: one partition per member of each organization, its path built from the member
      // (parent_user_id) and the organization it was read in (parent_slice.parent_id); org_3 has no member
      assertThat(run.column(pipeline, "organization_member_roles", "id")).containsExactlyInAnyOrder("rol_admin",
          "rol_viewer", "rol_viewer", "rol_admin", "rol_viewer", "rol_viewer", "rol_viewer");
      List<String> roles = api.requests().stream().map(ManifestApi.Request::line)
          .filter(line -> line.endsWith("/roles?per_page=50")).toList();
      List<String> expected = new ArrayList<>();
      for (int org = 1; org <= Auth0Api.ORGANIZATIONS; org++) {
        for (int member = 1; member <= Auth0Api.MEMBERS[org - 1]; member++) {
          expected.add("/api/v2/organizations/org_" + org + "/members/auth0|org_" + org + "-" + member
              + "/roles?per_page=50");
        }
      }
      assertThat(roles).hasSize(expected.size() + discovery).containsAll(expected)
          .allMatch(expected::contains);
      assertThat(api.requests()).noneMatch(r -> r.path().contains("organizations//"));
      assertThat(api.tokens.forms()).singleElement().satisfies(form -> assertThat(form)
          .containsEntry("grant_type", "client_credentials").containsEntry("client_id", Auth0Api.CLIENT_ID)
          .containsEntry("client_secret", Auth0Api.CLIENT_SECRET).containsEntry("audience", api.audience())
          .containsEntry("_method", "POST").containsEntry("_content_type", "application/x-www-form-urlencoded"));
      assertThat(api.requests()).allSatisfy(r -> assertThat(r.authorization()).isEqualTo("Bearer auth0-token-1"));
      for (String stream : streams) {
        assertThat(run.runRow(pipeline, stream).getField("status")).as(stream).isEqualTo("SUCCEEDED");
      }
      // users: P1Y windows (PT0.001S granularity, %f prints microseconds) in the manifest's q template
      assertThat(run.column(pipeline, "users", "user_id")).hasSize(6);
      List<String> users = api.requests("/api/v2/users").stream().map(r -> r.param("q")).toList();
      int own = 3;
      assertThat(users.subList(users.size() - own, users.size() - 1)).containsExactly(
          "updated_at:{" + year + "-01-01T00:00:00.000000Z  TO " + year + "-12-31T23:59:59.999000Z]",
          "updated_at:{" + (year + 1) + "-01-01T00:00:00.000000Z  TO " + (year + 1) + "-12-31T23:59:59.999000Z]");
      assertThat(users.get(users.size() - 1)).startsWith("updated_at:{" + (year + 2) + "-01-01T00:00:00.000000Z  TO "
          + (year + 2) + "-");
      assertThat(api.requests("/api/v2/users")).allSatisfy(r -> assertThat(r.line()).contains(
          "sort=updated_at:1&include_totals=false&per_page=50"));
      assertThat(run.runRow(pipeline, "users").getField("cursor_end")).isEqualTo((year + 2) + "-01-01T00:00:01Z");
    }
  }

  @Test
  void leverLandsUsersWithOneRefreshAndRetriesTheRateLimitedPage() throws Exception {
    try (LeverApi api = new LeverApi()) {
      ManifestPipelineRun run = new ManifestPipelineRun(dir).secret("lever", Map.of(
          "credentials.client_secret", LeverApi.CLIENT_SECRET, "credentials.refresh_token", LeverApi.REFRESH_TOKEN));
      PipelineSpec pipeline = run.run(ManifestPipelineRun.yaml("lever", "source-lever-hiring.yaml", String.join(
          "\n", "url_base: " + api.urlBase(), "token_refresh_endpoint: " + api.tokenUrl(),
          "start_date: 2024-01-01T00:00:00Z", "environment: Production", "credentials.auth_type: Client",
          "credentials.client_id: " + LeverApi.CLIENT_ID), "lever", List.of("users")));

      assertThat(run.column(pipeline, "users", "id")).containsExactlyElementsOf(
          LeverApi.users().stream().map(u -> u.get("id")).toList());
      int discovery = 1;
      List<String> lines = api.requests("/v1/users").stream().map(ManifestApi.Request::line).toList();
      // includeDeactivated: true is sent as Python's str(True); the offset page after the first answer is
      // rate-limited once and retried
      String users = "/v1/users?includeDeactivated=True&";
      assertThat(lines.subList(discovery, lines.size())).containsExactly(users + "limit=50",
          users + "offset=u3&limit=50", users + "offset=u3&limit=50", users + "offset=u6&limit=50");
      assertThat(api.tokens.forms()).singleElement().satisfies(form -> assertThat(form)
          .containsEntry("grant_type", "refresh_token").containsEntry("client_id", LeverApi.CLIENT_ID)
          .containsEntry("client_secret", LeverApi.CLIENT_SECRET)
          .containsEntry("refresh_token", LeverApi.REFRESH_TOKEN));
      assertThat(api.requests()).allSatisfy(r -> assertThat(r.authorization()).isEqualTo("Bearer lever-access-1"));
      assertThat(run.runRow(pipeline, "users").getField("status")).isEqualTo("SUCCEEDED");
      assertThat(run.runRow(pipeline, "users").getField("retries")).isEqualTo(1L);
    }
  }

  @Test
  void leverLandsOpportunitiesIn30DayWindowsAndEverySubstreamOverThem() throws Exception {
    long day = 86_400_000L;
    long start = java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.DAYS).toEpochMilli() - 45 * day;
    try (LeverApi api = new LeverApi(start)) {
      ManifestPipelineRun run = new ManifestPipelineRun(dir).secret("lever", Map.of(
          "credentials.client_secret", LeverApi.CLIENT_SECRET, "credentials.refresh_token", LeverApi.REFRESH_TOKEN));
      List<String> streams = new java.util.ArrayList<>(List.of("opportunities"));
      streams.addAll(LeverApi.SUBSTREAMS);
      String startDate = java.time.format.DateTimeFormatter.ISO_INSTANT.format(java.time.Instant.ofEpochMilli(start));
      PipelineSpec pipeline = run.run(ManifestPipelineRun.yaml("lever", "source-lever-hiring.yaml", String.join(
          "\n", "url_base: " + api.urlBase(), "token_refresh_endpoint: " + api.tokenUrl(),
          "start_date: " + startDate, "environment: Production", "credentials.auth_type: Client",
          "credentials.client_id: " + LeverApi.CLIENT_ID), "lever", streams));

      assertThat(run.column(pipeline, "opportunities", "id")).containsExactly("opp-1", "opp-2", "opp-3", "opp-4",
          "opp-5", "opp-6");
      for (String sub : LeverApi.SUBSTREAMS) {
        assertThat(run.column(pipeline, sub, "id")).as(sub).containsExactly(sub + "-opp-1", sub + "-opp-2",
            sub + "-opp-3", sub + "-opp-4", sub + "-opp-5", sub + "-opp-6");
        assertThat(run.runRow(pipeline, sub).getField("status")).as(sub).isEqualTo("SUCCEEDED");
        // the parent's cursor is the parent's: a substream without incremental_sync commits none
        assertThat(run.runRow(pipeline, sub).getField("cursor_end")).as(sub).isNull();
      }
      // P30D windows with PT0.001S granularity in epoch milliseconds; the second window pages (3 per page).
      // Every read of the parent (its own endpoint, each substream's fan-out, discovery) asks these windows only.
      String w0 = "updated_at_start=" + start + "&updated_at_end=" + (start + 30 * day - 1);
      List<ManifestApi.Request> opportunities = api.requests("/v1/opportunities");
      assertThat(opportunities.stream().map(ManifestApi.Request::line).filter(l -> l.contains(w0)).distinct())
          .containsExactly("/v1/opportunities?limit=50&" + w0);
      List<ManifestApi.Request> second = opportunities.stream().filter(r -> !r.line().contains(w0)).toList();
      assertThat(second).allSatisfy(r -> {
        assertThat(r.param("updated_at_start")).isEqualTo(String.valueOf(start + 30 * day));
        assertThat(Long.parseLong(r.param("updated_at_end"))).isBetween(start + 45 * day, start + 46 * day);
      });
      assertThat(second.stream().map(r -> r.param("offset")).distinct()).containsExactly(null, "o3");
      for (int i = 1; i <= 6; i++) {
        String notes = "/v1/opportunities/opp-" + i + "/notes";
        assertThat(api.requests(notes)).as(notes).isNotEmpty()
            .allSatisfy(r -> assertThat(r.line()).isEqualTo(notes + "?limit=50"));
      }
      assertThat(run.runRow(pipeline, "opportunities").getField("cursor_end")).isEqualTo(
          java.time.format.DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(java.time.Instant.ofEpochMilli(
              start + 34 * day).atOffset(java.time.ZoneOffset.UTC)));
      assertThat(api.tokens.forms()).hasSize(1);
    }
  }
}
