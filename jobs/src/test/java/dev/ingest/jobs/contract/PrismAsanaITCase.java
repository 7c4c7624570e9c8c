package dev.ingest.jobs.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ingest.jobs.PipelineFixture;
import dev.ingest.jobs.local.LocalPipelineRunner;
import dev.ingest.jobs.spec.PipelineSpec;
import dev.ingest.testkit.ExternalServer;
import dev.ingest.testkit.NodeTools;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.iceberg.data.Record;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built-in asana connector against Stoplight Prism 5 mocking Asana's published OpenAPI document (a subset
 * stored in {@code src/test/resources/openapi/asana_oas.yaml}): a server this project did not write, that knows the
 * provider's request rules and response shapes.
 *
 * <ul>
 *   <li>Static mode (Prism's default) answers every page with the document's example, whose {@code next_page.offset}
 *       is the same on every page: every endpoint pages into a loop, so each must fail as {@code PAGINATION} within a
 *       bound and never loop, the fanned-out ones (one split per parent page) included.
 *   <li>Dynamic mode ({@code -d}) generates responses from the schemas: {@code next_page} is null or a random offset
 *       (about half each), so the chains end on their own and no {@code max_pages} override is needed. Rows land, the table holds exactly the rows the runs table reports, and
 *       Prism found no request of the connector in violation of the document.
 * </ul>
 */
class PrismAsanaITCase {
  private static final List<String> ENDPOINTS = List.of("workspaces", "users", "projects", "tags", "sections",
      "tasks");
  private static final Duration BOUND = Duration.ofSeconds(60);

  @TempDir Path dir;
  private PipelineFixture fixture;

  @BeforeEach
  void home() throws Exception {
    fixture = new PipelineFixture(dir.resolve("home"), null);
  }

  @Test
  @Timeout(value = 180, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void staticModeEndsWithinABoundWithEveryPagingEndpointFailedAsPagination() throws Exception {
    try (ExternalServer prism = prism(false)) {
      PipelineSpec pipeline = fixture.load(yaml("asana_static", prism));

      Duration took = runOnce(pipeline);

      assertThat(took).as("the run ends on its own").isLessThan(BOUND);
      Map<String, Record> runs = runRows(pipeline);
      assertThat(runs).containsOnlyKeys(ENDPOINTS);
      runs.forEach((endpoint, run) -> {
        assertThat(run.getField("status")).as(endpoint).isEqualTo("FAILED");
        assertThat(run.getField("error_class")).as(endpoint).isEqualTo("PAGINATION");
      });
      assertValidRequestsOfEveryEndpoint(prism);
    }
  }

  @Test
  @Timeout(value = 300, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void dynamicModeLandsExactlyTheRowsTheRunsTableReportsWithoutARequestViolation() throws Exception {
    try (ExternalServer prism = prism(true)) {
      PipelineSpec pipeline = fixture.load(yaml("asana_dynamic", prism));

      runOnce(pipeline);

      Map<String, Record> runs = runRows(pipeline);
      runs.forEach((endpoint, run) -> System.out.printf("prism dynamic: %s %s %s rows=%s requests=%s %s%n", endpoint,
          run.getField("status"), run.getField("error_class"), run.getField("rows"), run.getField("requests"),
          run.getField("error_message")));
      assertThat(runs).containsOnlyKeys(ENDPOINTS);
      long landed = 0;
      for (String endpoint : ENDPOINTS) {
        long rows = fixture.rows(pipeline, endpoint).size();
        assertThat(rows).as("%s: rows in the table = rows of its run", endpoint)
            .isEqualTo(runs.get(endpoint).getField("rows"));
        landed += rows;
      }
      assertThat((Long) runs.get("workspaces").getField("rows")).as("workspaces landed").isPositive();
      assertThat(landed).isGreaterThan((Long) runs.get("workspaces").getField("rows"));
      assertValidRequestsOfEveryEndpoint(prism);
    }
  }

  private ExternalServer prism(boolean dynamic) throws Exception {
    Path prism = NodeTools.require("prism");
    int port = ExternalServer.freePort();
    List<String> command = new ArrayList<>(List.of(prism.toString(), "mock", "-h", "127.0.0.1", "-p",
        String.valueOf(port)));
    Path document = document();
    if (dynamic) {
      command.add("-d");
      document = withGeneratorOptions(document);
    }
    command.add(document.toString());
    return ExternalServer.start("prism", command, dir.resolve("prism"), port, Duration.ofSeconds(60));
  }

  private static Path document() throws URISyntaxException {
    return Path.of(Objects.requireNonNull(PrismAsanaITCase.class.getResource("/openapi/asana_oas.yaml"),
        "openapi/asana_oas.yaml on the test classpath").toURI());
  }

  /**
   * A copy of the document that tells Prism's generator (json-schema-faker, through Prism's documented root
   * extension {@code x-json-schema-faker}) to fill every array with exactly 1 item. Unconfigured, a quarter of the
   * generated pages are empty and about one run in eight lands no workspace and so nothing at all; with up to 3
   * items the fan-out grew to over 400 requests, which the connector's 2.5 requests/s limit paces to minutes (one
   * item: about 100 requests, 80 s). The document's schemas and every request rule stay as published.
   */
  private Path withGeneratorOptions(Path document) throws IOException {
    Path copy = dir.resolve("asana_oas_dynamic.yaml");
    Files.writeString(copy, Files.readString(document) + "\nx-json-schema-faker:\n  min-items: 1\n  max-items: 1\n");
    return copy;
  }

  private static String yaml(String name, ExternalServer prism) {
    return """
        name: %s
        connector: asana
        config:
          base_url: %s
        credentials:
          secret: %s
        endpoints: [%s]
        schedule: "0 * * * *"
        runtime: {parallelism: 2, checkpoint_interval: 500ms}
        """.formatted(name, prism.url(), PipelineFixture.SECRET, String.join(", ", ENDPOINTS));
  }

  private Duration runOnce(PipelineSpec pipeline) throws Exception {
    long started = System.nanoTime();
    new LocalPipelineRunner(fixture.home(), fixture.secrets()).progress(false).runOnce(pipeline);
    return Duration.ofNanos(System.nanoTime() - started);
  }

  /** The run row of each endpoint (one run). */
  private Map<String, Record> runRows(PipelineSpec pipeline) throws Exception {
    Map<String, Record> runs = new TreeMap<>();
    for (Record row : fixture.rows(pipeline, "_ingest_runs")) {
      assertThat(runs.put((String) row.getField("endpoint"), row)).as("one run row per endpoint").isNull();
    }
    return runs;
  }

  /** Prism received requests of every endpoint and logged no violation of the document by any of them. */
  private static void assertValidRequestsOfEveryEndpoint(ExternalServer prism) {
    assertThat(violations(prism)).as("requests Prism found in violation of the document").isEmpty();
    assertThat(requestedPaths(prism)).as("Prism saw requests of every endpoint").containsExactlyInAnyOrder(
        "/workspaces", "/workspaces/*/users", "/workspaces/*/projects", "/workspaces/*/tags", "/projects/*/sections",
        "/tasks");
  }

  /** The paths Prism received requests for ({@code [HTTP SERVER] get /tasks ℹ info Request received}), ids as *. */
  private static Set<String> requestedPaths(ExternalServer prism) {
    Pattern received = Pattern.compile("\\[HTTP SERVER\\] get (\\S+) .*Request received");
    return prism.logText().lines().map(received::matcher).filter(Matcher::find)
        .map(m -> m.group(1).replaceAll("^/(workspaces|projects)/[^/]+/", "/$1/*/")).collect(Collectors.toSet());
  }

  /** Prism's request validation errors: it logs each as {@code [VALIDATOR] ✖ error Violation: request...}. */
  private static List<String> violations(ExternalServer prism) {
    return prism.logText().lines().filter(line -> line.contains("Violation:")).toList();
  }
}
