package dev.ingest.jobs.compile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ingest.jobs.IngestHome;
import dev.ingest.jobs.ScriptedApi;
import dev.ingest.jobs.spec.PipelineLoader;
import dev.ingest.jobs.spec.PipelineSpec;
import dev.ingest.sources.fetch.EndpointException;
import dev.ingest.sources.fetch.ErrorClass;
import dev.ingest.sources.fetch.FetchTarget;
import dev.ingest.sources.fetch.Page;
import dev.ingest.sources.fetch.PageCursor;
import dev.ingest.sources.fetch.PageFetcher;
import dev.ingest.sources.net.AddressPolicy;
import dev.ingest.sources.retry.RetryPolicy;
import dev.ingest.sources.runtime.ConnectorPageFetcherFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fetcher factory a pipeline's job uses carries the pipeline's {@code runtime.retry} and request timeout. */
class FetcherFactoriesTest {
  @TempDir Path dir;
  private ScriptedApi api;

  @BeforeEach
  void start() throws Exception {
    api = new ScriptedApi().serve(List.of("{\"id\":1}", "{\"id\":2}"));
  }

  @AfterEach
  void stop() {
    api.close();
  }

  private ConnectorPageFetcherFactory factory(String runtime) throws Exception {
    String yaml = """
        name: retries
        connector_file: %s
        config: {base_url: "%s"}
        endpoints: [items]
        schedule: "0 * * * *"
        runtime: %s
        """.formatted(api.connectorFile(dir, 10, null), api.baseUrl(), runtime);
    PipelineSpec spec = new PipelineLoader(new IngestHome(dir).specDefaults(
        AddressPolicy.strict().allowingHost("127.0.0.1")))
        .parse("retries.yaml", yaml.getBytes(StandardCharsets.UTF_8), dir);
    return FetcherFactories.forPipeline(spec, null);
  }

  private Page firstPage(ConnectorPageFetcherFactory factory) throws Exception {
    try (PageFetcher fetcher = factory.open(FetchTarget.of("items", "run-1"))) {
      return fetcher.fetch(PageCursor.first());
    }
  }

  @Test
  void carriesTheConfiguredPolicyAndTimeout() throws Exception {
    ConnectorPageFetcherFactory factory = factory(
        "{retry: {max_attempts: 8, base_delay: 200ms, max_delay: 30s, total_budget: 5m}, request_timeout: 30s}");

    assertThat(factory.retryPolicy()).isEqualTo(RetryPolicy.defaults().withMaxAttempts(8)
        .withBaseDelay(Duration.ofMillis(200)).withMaxDelay(Duration.ofSeconds(30))
        .withTotalBudget(Duration.ofMinutes(5)));
    assertThat(factory.environment()).hasToString("HttpEnvironment.withTimeouts(connect=PT10S, request=PT30S)");
  }

  @Test
  void withoutRuntimeSettingsTheDefaultsApply() throws Exception {
    ConnectorPageFetcherFactory factory = factory("{parallelism: 1}");

    assertThat(factory.retryPolicy()).isEqualTo(RetryPolicy.defaults());
    assertThat(factory.environment()).hasToString("HttpEnvironment.system()");
  }

  @Test
  void twoAttemptsGiveUpOnThreeServerErrorsWithTheServerErrorClass() throws Exception {
    ConnectorPageFetcherFactory factory = factory("{retry: {max_attempts: 2, base_delay: 1ms}}");
    api.failNext(3);

    assertThatThrownBy(() -> firstPage(factory))
        .isInstanceOfSatisfying(EndpointException.class, e -> {
          assertThat(e.errorClass()).isEqualTo(ErrorClass.SERVER_ERROR);
          assertThat(e.httpStatus()).isEqualTo(503);
        });
    assertThat(api.requests()).isEqualTo(2);
  }

  @Test
  void theDefaultAttemptsOutlastThreeServerErrors() throws Exception {
    ConnectorPageFetcherFactory factory = factory("{retry: {base_delay: 1ms}}");
    api.failNext(3);

    assertThat(firstPage(factory).records()).hasSize(2);
    assertThat(api.requests()).isEqualTo(4);
  }
}
