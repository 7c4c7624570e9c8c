package dev.ingest.control.api;

import static dev.ingest.control.api.ApiFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every route but /health needs the bearer token; the token is generated once, private to its owner. */
class AuthTest {
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
  void healthNeedsNoToken() {
    HttpResponse<String> response = api.send("GET", "/health", null, Map.of());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(json(response).path("database").asText()).isEqualTo("ok");
  }

  @Test
  void everyOtherRouteRejectsMissingAndWrongTokens() {
    for (RouteTable.Route route : api.api.routes()) {
      if (TokenAuth.OPEN_PATHS.contains(route.path()) || route.path().equals("/api/rate-budgets/{key}/leases")) {
        continue; // the jobs' lease route is open on purpose (RateBudgetRoutesTest)
      }
      String path = route.path().replace("{name}", "crm").replace("{endpoint}", "tickets")
          .replace("{connector}", "sandbox").replace("{secret}", "s1").replace("{id}", "1")
          .replace("{run_id}", "r1");
      String body = route.method().equals("GET") || route.method().equals("DELETE") ? null : "{}";

      HttpResponse<String> none = api.send(route.method(), path, body, Map.of());
      HttpResponse<String> wrong = api.send(route.method(), path, body,
          Map.of("Authorization", "Bearer " + ApiFixture.TOKEN + "x"));
      HttpResponse<String> basic = api.send(route.method(), path, body, Map.of("Authorization", "Basic Zm9vOmJhcg=="));

      assertThat(none.statusCode()).as(route + " without token").isEqualTo(401);
      assertThat(none.headers().firstValue("WWW-Authenticate")).as(route.toString()).isPresent();
      assertThat(json(none).path("error").asText()).isEqualTo("unauthorized");
      assertThat(wrong.statusCode()).as(route + " wrong token").isEqualTo(401);
      assertThat(basic.statusCode()).as(route + " basic auth").isEqualTo(401);
    }
    assertThat(api.deployer.calls).isEmpty();
  }

  @Test
  void unknownPathsAreRejectedBeforeTheyAreResolved() {
    assertThat(api.send("GET", "/api/nosuch", null, Map.of()).statusCode()).isEqualTo(401);
    assertThat(api.get("/api/nosuch").statusCode()).isEqualTo(404);
  }

  @Test
  void theRightTokenIsAccepted() {
    assertThat(api.get("/api/connectors").statusCode()).isEqualTo(200);
  }

  @Test
  void tokenIsGeneratedOnFirstStartWithOwnerOnlyModeAndReusedAfter() throws Exception {
    Path home = dir.resolve("fresh-home");

    ApiToken first = ApiToken.resolve(Map.of(), home);
    ApiToken second = ApiToken.resolve(Map.of(), home);

    Path file = home.resolve(ApiToken.FILE_NAME);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    assertThat(second.reveal()).isEqualTo(first.reveal()).startsWith("ingest_").hasSizeGreaterThan(40);
    assertThat(first.toString()).doesNotContain(first.reveal());
    assertThat(first.matches(first.reveal())).isTrue();
    assertThat(first.matches(first.reveal() + "x")).isFalse();
    assertThat(first.matches(null)).isFalse();
  }

  @Test
  void tokenFromTheEnvironmentWins() throws Exception {
    ApiToken token = ApiToken.resolve(Map.of(ApiToken.ENV, "env-token-0123456789"), dir);

    assertThat(token.matches("env-token-0123456789")).isTrue();
    assertThat(token.source()).isEqualTo("$" + ApiToken.ENV);
    assertThat(dir.resolve(ApiToken.FILE_NAME)).doesNotExist();
  }
}
