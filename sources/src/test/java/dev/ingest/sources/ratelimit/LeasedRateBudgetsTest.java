package dev.ingest.sources.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ingest.sources.spec.RateLimitSpec;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class LeasedRateBudgetsTest {
  private static final Clock FIXED = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);

  @Test
  void withoutAReachableControlPlaneTheLimiterPacesAtTheFallbackShareNeverTheWholeLimit() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    RateBudgetSettings settings = RateBudgetSettings.of(URI.create("http://127.0.0.1:" + closedPort))
        .withFallbackShare(0.25);
    RateLimiter limiter = LeasedRateBudgets.isolated(settings)
        .limiter("github", "gh-token", new RateLimitSpec(10, 1, true), FIXED);
    // 10/s declared x 0.25 = 2.5/s: one request every 400 ms, the first at once
    assertThat(limiter.reserve()).isEqualTo(Duration.ZERO);
    assertThat(limiter.reserve()).isEqualTo(Duration.ofMillis(400));
    assertThat(limiter.reserve()).isEqualTo(Duration.ofMillis(800));
    assertThat(limiter.toString()).contains("2.5/s fallback of 10.0/s").doesNotContain("gh-token");
  }

  @Test
  void aRateTheApiStatesBelowTheDeclaredOneLowersTheFallbackToo() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    RateLimiter limiter = LeasedRateBudgets.isolated(RateBudgetSettings.of(URI.create("http://127.0.0.1:"
        + closedPort)).withFallbackShare(0.25)).limiter("github", "gh-token", new RateLimitSpec(10, 1, true), FIXED);
    // 100 requests per 50 s stated: 2/s, x 0.25 = 0.5/s without a lease
    limiter.observe(new RateSignal(OptionalLong.of(60), OptionalLong.of(100), Optional.empty(),
        Optional.of(Duration.ofSeconds(50))));
    assertThat(limiter.reserve()).isEqualTo(Duration.ZERO);
    assertThat(limiter.reserve()).isEqualTo(Duration.ofSeconds(2));
  }

  @Test
  void theStatedRateGoesToTheControlPlaneWithTheLeaseRequest() throws Exception {
    List<JsonNode> bodies = new CopyOnWriteArrayList<>();
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/api/rate-budgets/", exchange -> {
      bodies.add(new ObjectMapper().readTree(exchange.getRequestBody().readAllBytes()));
      byte[] out = "{\"per_second\":4.0,\"ttl_ms\":3000,\"holders\":1}".getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(200, out.length);
      exchange.getResponseBody().write(out);
      exchange.close();
    });
    server.start();
    try {
      RateLimiter limiter = LeasedRateBudgets.isolated(RateBudgetSettings.of(URI.create("http://127.0.0.1:"
          + server.getAddress().getPort()))).limiter("hubspot", "hs", new RateLimitSpec(10, 1, true), FIXED);
      limiter.observe(new RateSignal(OptionalLong.of(30), OptionalLong.of(40), Optional.empty(),
          Optional.of(Duration.ofSeconds(10))));
      // the granted 4/s; a share newly taken starts one interval on (docs/runtime.md, "Leases")
      assertThat(limiter.reserve()).isEqualTo(Duration.ofMillis(250));
      assertThat(limiter.reserve()).isEqualTo(Duration.ofMillis(500));
      assertThat(bodies).hasSize(1);
      assertThat(bodies.get(0).get("stated_per_second").asDouble()).isEqualTo(4.0);
      assertThat(bodies.get(0).get("learned_limit").asLong()).isEqualTo(40);
      assertThat(bodies.get(0).get("declared_per_second").asDouble()).isEqualTo(10.0);
    } finally {
      server.stop(0);
    }
  }

  @Test
  void aConnectorWithoutDeclaredRateKeepsTheInProcessHeaderOnlyBudget() {
    RateBudgets budgets = LeasedRateBudgets.isolated(RateBudgetSettings.of(URI.create("http://127.0.0.1:9")));
    assertThat(budgets.limiter("c", "s", RateLimitSpec.NONE, FIXED)).isInstanceOf(TokenBucketRateLimiter.class);
  }

  @Test
  void theBudgetKeyIsAStableHashThatDoesNotShowTheSecretName() {
    String key = BudgetKey.of("github", "gh-token");
    assertThat(key).matches("[0-9a-f]{32}").isEqualTo(BudgetKey.of("github", "gh-token"))
        .isNotEqualTo(BudgetKey.of("github", "gh-token2")).isNotEqualTo(BudgetKey.of("githu", "bgh-token"))
        .doesNotContain("gh-token");
  }

  @Test
  void settingsRefuseTheWholeLimitAsFallbackAndNameTheField() {
    URI url = URI.create("http://127.0.0.1:9");
    assertThatThrownBy(() -> RateBudgetSettings.of(url).withFallbackShare(1.0))
        .hasMessageContaining("rateBudget.fallbackShare");
    assertThatThrownBy(() -> RateBudgetSettings.of(URI.create("file:///x")))
        .hasMessageContaining("rateBudget.controlUrl");
    assertThatThrownBy(() -> RateBudgetSettings.of(url).inScope("has space"))
        .hasMessageContaining("rateBudget.scope");
  }
}
