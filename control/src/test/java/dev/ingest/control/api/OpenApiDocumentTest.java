package dev.ingest.control.api;

import static dev.ingest.control.api.ApiFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The OpenAPI document matches the server: every route documented, every documented route served. */
class OpenApiDocumentTest {
  private static final Set<String> METHODS = Set.of("get", "post", "put", "delete", "patch");

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
  void documentedRoutesAreExactlyTheServedRoutes() throws Exception {
    Set<RouteTable.Route> documented = documentedRoutes(served());

    assertThat(documented).containsExactlyInAnyOrderElementsOf(api.api.routes());
  }

  @Test
  void everyDocumentedRouteIsAnsweredByARouteNotTheNotFoundFallback() throws Exception {
    api.call("POST", "/api/pipelines", ApiFixture.pipeline("crm"));
    for (RouteTable.Route route : documentedRoutes(served())) {
      String path = route.path().replace("{name}", "crm").replace("{endpoint}", "tickets")
          .replace("{connector}", "sandbox").replace("{secret}", "s1").replace("{id}", "1")
          .replace("{run_id}", "r1").replace("{key}", "00112233445566778899aabbccddeeff");
      HttpResponse<String> response = api.call(route.method(), path,
          route.method().equals("GET") || route.method().equals("DELETE") ? null : "{}");
      if (response.statusCode() == 404) {
        assertThat(json(response).path("message").asText()).as(route.toString()).doesNotStartWith("Endpoint ");
      }
      assertThat(response.statusCode()).as(route.toString()).isNotIn(401, 405, 500);
    }
  }

  @Test
  void documentIsOpenApi3WithBearerSecurityAndOnlyHealthOpen() throws Exception {
    JsonNode doc = served();

    assertThat(doc.path("openapi").asText()).startsWith("3.");
    assertThat(doc.path("components").path("securitySchemes").path("bearer").path("scheme").asText())
        .isEqualTo("bearer");
    Set<String> open = new HashSet<>();
    doc.path("paths").fields().forEachRemaining(p -> p.getValue().fields().forEachRemaining(op -> {
      if (op.getValue().has("security") && op.getValue().path("security").isEmpty()) {
        open.add(p.getKey());
      }
    }));
    Set<String> expected = new HashSet<>(TokenAuth.OPEN_PATHS);
    expected.add("/api/rate-budgets/{key}/leases"); // the jobs' lease route (RateBudgetRoutesTest)
    assertThat(open).containsExactlyInAnyOrderElementsOf(expected);
  }

  private JsonNode served() throws Exception {
    HttpResponse<String> response = api.get("/api/openapi.yaml");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("yaml"));
    return new ObjectMapper(new YAMLFactory()).readTree(response.body());
  }

  private static Set<RouteTable.Route> documentedRoutes(JsonNode doc) {
    Set<RouteTable.Route> routes = new HashSet<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = doc.path("paths").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> path = it.next();
      path.getValue().fieldNames().forEachRemaining(method -> {
        if (METHODS.contains(method)) {
          routes.add(new RouteTable.Route(method.toUpperCase(Locale.ROOT), path.getKey()));
        }
      });
    }
    return routes;
  }
}
