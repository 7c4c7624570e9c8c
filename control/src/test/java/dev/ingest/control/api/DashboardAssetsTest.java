package dev.ingest.control.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dashboard's assets are served without a token and with a strict CSP; nothing else opens up. */
class DashboardAssetsTest {
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
  void rootRedirectsToTheDashboard() {
    HttpResponse<String> response = api.send("GET", "/", null, Map.of());

    assertThat(response.statusCode()).isEqualTo(302);
    assertThat(response.headers().firstValue("Location")).hasValue("/dashboard/");
  }

  @Test
  void servesThePageAndItsModulesWithoutATokenUnderAStrictContentSecurityPolicy() {
    HttpResponse<String> page = api.send("GET", "/dashboard/", null, Map.of());
    HttpResponse<String> module = api.send("GET", "/dashboard/js/app.js", null, Map.of());

    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("text/html"));
    assertThat(page.body()).contains("<script type=\"module\" src=\"js/app.js\"></script>");
    assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp -> assertThat(csp)
        .contains("script-src 'self'").contains("frame-ancestors 'none'").doesNotContain("unsafe-inline"));
    assertThat(page.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    assertThat(module.statusCode()).isEqualTo(200);
    assertThat(module.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("javascript"));
  }

  @Test
  void onlyReadingAssetsIsOpenTheApiStillNeedsTheToken() {
    assertThat(api.send("POST", "/dashboard/", "{}", Map.of()).statusCode()).isEqualTo(401);
    assertThat(api.send("GET", "/api/pipelines", null, Map.of()).statusCode()).isEqualTo(401);
    assertThat(api.send("GET", "/dashboardx/../api/pipelines", null, Map.of()).statusCode()).isIn(400, 401, 404);
  }

  @Test
  void aMissingAssetIsANotFound() {
    assertThat(api.send("GET", "/dashboard/js/nope.js", null, Map.of()).statusCode()).isEqualTo(404);
  }
}
