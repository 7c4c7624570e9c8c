package dev.ingest.control.api;

import static dev.ingest.control.api.ApiFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ingest.control.badinput.BadInput;
import dev.ingest.sources.net.AddressPolicy;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The bad-input corpus's pipeline definitions posted to {@code POST /api/pipelines} (as YAML, the bytes of the
 * file) on an API with the default network policy: each is refused with 422 naming the field (400 naming the
 * problem for a whole-file problem), nothing is stored and the deployer is never called. Connector definitions
 * cannot be sent through the API at all: a body naming {@code connector_file} is refused with 422 (see
 * {@code PipelineRoutesTest}); the connector half of the corpus goes through the CLI in {@code BadInputCorpusTest}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadInputApiTest {
  ApiFixture api;

  @BeforeAll
  void start(@TempDir Path dir) {
    api = new ApiFixture(dir, AddressPolicy.strict());
  }

  @AfterAll
  void stop() {
    api.close();
  }

  static Stream<BadInput> pipelines() {
    return BadInput.pipelines();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("pipelines")
  void theApiRefusesItNamingTheFieldStoresNothingAndDeploysNothing(BadInput input) {
    HttpResponse<String> response = post(input.bytes());

    JsonNode body = json(response);
    if (input.field() != null || input.namesConnectorFile()) {
      String field = input.namesConnectorFile() ? "connector_file" : input.field();
      assertThat(response.statusCode()).as(response.body()).isEqualTo(422);
      assertThat(StreamSupport.stream(body.path("errors").spliterator(), false).map(e -> e.path("field").asText()))
          .as(response.body()).contains(field);
    } else {
      assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
      assertThat(body.path("message").asText()).as(response.body()).containsIgnoringCase(input.text());
    }
    assertThat(response.body()).doesNotContain("Exception").doesNotContain("\tat ");
    assertThat(json(api.get("/api/pipelines"))).as("nothing stored").isEmpty();
    assertThat(api.deployer.calls).as("deployer never called").isEmpty();
  }

  private HttpResponse<String> post(byte[] yaml) {
    HttpRequest request = HttpRequest.newBuilder(api.uri("/api/pipelines")).timeout(Duration.ofSeconds(30))
        .header("Authorization", "Bearer " + ApiFixture.TOKEN).header("Content-Type", "application/yaml")
        .POST(HttpRequest.BodyPublishers.ofByteArray(yaml)).build();
    try {
      return api.http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
