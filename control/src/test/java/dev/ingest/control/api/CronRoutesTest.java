package dev.ingest.control.api;

import static dev.ingest.control.api.ApiFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** GET /api/cron/describe: words and next fire times for a valid expression, field errors for a bad one. */
class CronRoutesTest {
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
  void describesAnExpressionWithItsNextThreeFireTimes() {
    HttpResponse<String> response = describe("*/15  * * * *");

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode body = json(response);
    assertThat(body.path("expression").asText()).isEqualTo("*/15 * * * *");
    assertThat(body.path("description").asText()).contains("15 minutes").endsWith("(UTC)");
    assertThat(body.path("next_runs")).hasSize(3);
    Instant first = Instant.parse(body.path("next_runs").get(0).asText());
    Instant second = Instant.parse(body.path("next_runs").get(1).asText());
    assertThat(second).isEqualTo(first.plusSeconds(15 * 60));
  }

  @Test
  void anInvalidExpressionIsA422NamingExprAndWhatIsWrong() {
    HttpResponse<String> response = describe("61 * * * *");

    assertThat(response.statusCode()).isEqualTo(422);
    JsonNode error = json(response).path("errors").get(0);
    assertThat(error.path("field").asText()).isEqualTo("expr");
    assertThat(error.path("message").asText()).contains("61");
  }

  @Test
  void aMissingExpressionIsABadRequest() {
    HttpResponse<String> response = api.get("/api/cron/describe");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(json(response).path("errors").get(0).path("field").asText()).isEqualTo("expr");
  }

  private HttpResponse<String> describe(String expr) {
    return api.get("/api/cron/describe?expr=" + URLEncoder.encode(expr, StandardCharsets.UTF_8));
  }
}
