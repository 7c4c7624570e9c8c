package dev.ingest.jobs.compile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ingest.jobs.PipelineFixture;
import dev.ingest.jobs.ScriptedApi;
import dev.ingest.jobs.local.LocalPipelineRunner;
import dev.ingest.sinks.runs.RunReport;
import dev.ingest.jobs.spec.PipelineSpec;
import java.nio.file.Path;
import java.util.List;
import org.apache.iceberg.data.Record;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Malformed API data through a real pipeline run (MiniCluster, Iceberg, test JVM bounded by -Xmx2g): every case
 * ends either in dead-letter rows counted in {@code _ingest_runs} or in a FAILED endpoint with a clear error class
 * and a short message; never a crashed job or an out-of-memory.
 */
class MalformedRecordsITCase {
  private static final String SCHEMA = """
      type: object
      properties:
        id: {type: integer}
        v: {type: integer}
      """;
  private static final int MAX_MESSAGE = 2_000;

  @TempDir Path dir;
  private ScriptedApi api;
  private PipelineFixture fixture;
  private int runs;
  private PipelineSpec spec;

  @BeforeEach
  void start() throws Exception {
    api = new ScriptedApi();
    fixture = new PipelineFixture(dir, null);
  }

  @AfterEach
  void stop() {
    api.close();
  }

  @Test
  void wrongTypesAreKeptInTheExtraColumnAndRecordsThatAreNotObjectsAreDeadLettered() throws Exception {
    RunReport.EndpointResult result = run(List.of("{\"id\":1,\"v\":2}", "{\"id\":\"abc\",\"v\":3}",
        "{\"id\":3,\"v\":{\"nested\":true}}", "{\"id\":4,\"v\":\"not a number\"}", "42", "\"text\"",
        "{\"id\":5,\"v\":6}"));

    assertThat(result.status()).isEqualTo("SUCCEEDED");
    List<Record> items = rows("items");
    assertThat(items).hasSize(5);
    assertThat(items).filteredOn(r -> r.getField("_ingest_extra") != null)
        .extracting(r -> r.getField("_ingest_extra").toString())
        .containsExactlyInAnyOrder("{\"id\":\"abc\"}", "{\"v\":{\"nested\":true}}", "{\"v\":\"not a number\"}");
    assertThat(rows("_ingest_dead_letters")).hasSize(2)
        .allSatisfy(r -> assertThat(r.getField("error").toString()).isNotBlank());
    assertThat(runRow().getField("errors")).isEqualTo(2L);
  }

  @Test
  void aBodyThatIsNotJsonFailsTheEndpointAsMalformed() throws Exception {
    assertMalformed(run(List.of("<html><body>502 Bad Gateway</body></html>")));
  }

  @Test
  void nanIsNotJsonAndFailsTheEndpointAsMalformed() throws Exception {
    assertMalformed(run(List.of("{\"id\":1,\"v\":NaN}")));
  }

  @Test
  void tenThousandLevelsOfNestingFailTheEndpointWithoutAStackOverflow() throws Exception {
    String deep = "[".repeat(10_000) + "]".repeat(10_000);
    assertMalformed(run(List.of("{\"id\":1,\"v\":" + deep + "}")));
  }

  @Test
  void aFiftyMegabyteRecordFailsTheEndpointWithoutRunningOutOfMemory() throws Exception {
    String huge = "{\"id\":1,\"v\":2,\"blob\":\"" + "x".repeat(50 * 1024 * 1024) + "\"}";
    assertMalformed(run(List.of("{\"id\":0,\"v\":0}", huge)));
  }

  @Test
  void duplicateKeysFailTheEndpointAsMalformedInsteadOfKeepingOneValueSilently() throws Exception {
    RunReport.EndpointResult result = run(List.of("{\"id\":1,\"v\":2}", "{\"id\":2,\"v\":3,\"v\":4}"));

    assertMalformed(result);
    assertThat(result.errorMessage()).containsIgnoringCase("duplicate");
  }

  private void assertMalformed(RunReport.EndpointResult result) {
    assertThat(result.status()).as("%s", result).isEqualTo("FAILED");
    assertThat(result.errorClass()).isEqualTo("MALFORMED_RESPONSE");
    assertThat(result.errorMessage()).isNotBlank().hasSizeLessThan(MAX_MESSAGE);
  }

  /** Serves {@code records} as one page and runs a fresh pipeline once; the job itself must finish. */
  private RunReport.EndpointResult run(List<String> records) throws Exception {
    api.serve(records);
    PipelineSpec pipeline = fixture.load(api.pipelineYaml("malformed_" + runs++,
        api.connectorFile(dir, 100, SCHEMA), "items", ""));
    spec = pipeline;
    RunReport report = new LocalPipelineRunner(fixture.home(), fixture.secrets()).progress(false).runOnce(pipeline);
    assertThat(report.endpoints()).singleElement();
    return report.endpoints().get(0);
  }

  private List<Record> rows(String table) throws Exception {
    return fixture.rows(spec, table);
  }

  private Record runRow() throws Exception {
    return rows("_ingest_runs").stream().filter(r -> "items".equals(r.getField("endpoint"))).findFirst()
        .orElseThrow();
  }
}
