package dev.ingest.control.api;

import static dev.ingest.control.api.ApiFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lease route jobs call (with the lease token) and the listing operators read (API token). */
class RateBudgetRoutesTest {
  private static final String KEY = "00112233445566778899aabbccddeeff";
  private static final String LEASES = "/api/rate-budgets/" + KEY + "/leases";

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

  private HttpResponse<String> lease(String body) {
    return api.send("POST", LEASES, body, Map.of("Authorization", "Bearer " + leaseToken()));
  }

  private String leaseToken() {
    try {
      return api.secrets.read(dev.ingest.sources.ratelimit.RateBudgetSettings.LEASE_TOKEN_SECRET).orElseThrow()
          .get("token");
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void theControlPlaneWritesTheLeaseTokenAndTheLeaseRouteAsksForIt() {
    String body = "{\"holder\":\"job-a\",\"declared_per_second\":10}";
    assertThat(leaseToken()).startsWith("ingest_rl_");
    assertThat(api.send("POST", LEASES, body, Map.of()).statusCode()).isEqualTo(401);
    assertThat(api.send("POST", LEASES, body, Map.of("Authorization", "Bearer ingest_rl_wrong")).statusCode())
        .isEqualTo(401);
    assertThat(lease(body).statusCode()).isEqualTo(200);
    // the lease token opens the lease route and nothing else
    assertThat(api.send("GET", "/api/rate-budgets", null, Map.of("Authorization", "Bearer " + leaseToken()))
        .statusCode()).isEqualTo(401);
    assertThat(api.send("GET", "/api/pipelines", null, Map.of("Authorization", "Bearer " + leaseToken()))
        .statusCode()).isEqualTo(401);
  }

  @Test
  void aJobLeasesWithTheLeaseTokenButOnlyOperatorsListTheBudgets() {
    // the control plane has just started: for one lease time it grants newcomers nothing (restart window) but
    // honours what a renewing holder says it holds
    HttpResponse<String> first = lease("{\"holder\":\"job-a\",\"declared_per_second\":10,\"held_per_second\":4}");
    assertThat(first.statusCode()).isEqualTo(200);
    JsonNode grant = json(first);
    assertThat(grant.get("per_second").asDouble()).isEqualTo(4.0);
    assertThat(grant.get("ttl_ms").asLong()).isEqualTo(3000);
    assertThat(grant.get("holders").asInt()).isEqualTo(1);

    assertThat(api.send("GET", "/api/rate-budgets", null, Map.of()).statusCode()).isEqualTo(401);
    JsonNode list = json(api.get("/api/rate-budgets"));
    assertThat(list).hasSize(1);
    assertThat(list.get(0).get("key").asText()).isEqualTo(KEY);
    assertThat(list.get(0).get("limit_per_second").asDouble()).isEqualTo(10.0);
    assertThat(list.get(0).get("holders").get(0).get("holder").asText()).isEqualTo("job-a");
  }

  @Test
  void aRateTheApiStatedCutsTheLimitAndIsListed() {
    JsonNode grant = json(lease("{\"holder\":\"job-a\",\"declared_per_second\":10,\"held_per_second\":8,"
        + "\"learned_limit\":60,\"stated_per_second\":6}"));
    assertThat(grant.get("per_second").asDouble()).isEqualTo(6.0); // held 8 honoured only up to the stated 6
    JsonNode budget = json(api.get("/api/rate-budgets")).get(0);
    assertThat(budget.get("limit_per_second").asDouble()).isEqualTo(6.0);
    assertThat(budget.get("stated_per_second").asDouble()).isEqualTo(6.0);
    assertThat(budget.get("learned_limit").asLong()).isEqualTo(60);
  }

  @Test
  void badRequestsNameTheField() {
    assertThat(json(lease("{\"holder\":\"job-a\"}")).toString()).contains("declared_per_second");
    assertThat(lease("{\"holder\":\"job-a\"}").statusCode()).isEqualTo(400);
    assertThat(json(lease("{\"holder\":\"a b\",\"declared_per_second\":1}")).toString()).contains("holder");
    assertThat(json(lease("{\"holder\":\"a\",\"declared_per_second\":1,\"held_per_second\":-1}")).toString())
        .contains("held_per_second");
    HttpResponse<String> badStated = lease("{\"holder\":\"a\",\"declared_per_second\":1,\"stated_per_second\":0}");
    assertThat(badStated.statusCode()).isEqualTo(400);
    assertThat(json(badStated).toString()).contains("stated_per_second");
    assertThat(lease("[1]").statusCode()).isEqualTo(400);
    // a key that is not a budget key is not the open route: the token is asked for
    assertThat(api.send("POST", "/api/rate-budgets/nothex/leases", "{}", Map.of()).statusCode()).isEqualTo(401);
    assertThat(json(api.call("POST", "/api/rate-budgets/nothex/leases", "{}")).toString()).contains("key");
  }
}
