package dev.ingest.jobs.compile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ingest.jobs.PipelineFixture;
import dev.ingest.jobs.ScriptedApi;
import dev.ingest.jobs.local.LocalPipelineRunner;
import dev.ingest.sinks.runs.RunReport;
import dev.ingest.jobs.spec.PipelineSpec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Schema discovery at job start ({@link TablePlanner}): a discovery failure fails only its endpoint (a FAILED run
 * row, no table, the others land, the run reports a failure); an existing table is never discovered again (the
 * server sees exactly the run's page requests); the discovery request of a new table is counted in its first
 * run's row; ISO-8601 timestamps are inferred as {@code timestamptz}, so {@code partition_by: day(updated_at)} needs
 * no declared schema.
 */
class SchemaDiscoveryITCase {
  private static final int RECORDS = 25;
  private static final int PAGE_SIZE = 10;
  /** Pages 1–3 hold 25 records, page 4 is empty and ends the endpoint ({@code stop: empty_page}). */
  private static final int PAGE_REQUESTS = 4;

  @TempDir Path dir;
  private ScriptedApi api;
  private PipelineFixture fixture;

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
  void aFailedDiscoveryFailsOnlyItsEndpointWithAFailedRunRow() throws Exception {
    api.serve(records(RECORDS, i -> "\"n\":" + i));
    PipelineSpec pipeline = fixture.load(api.pipelineYaml("partial", connector(), List.of("items", "broken", "missing"), ""));

    RunReport report = run(pipeline);

    // the run fails as a whole (run --once exits 1 on report.failed()), but items landed exactly
    assertThat(report.failed()).isTrue();
    Map<String, RunReport.EndpointResult> byEndpoint = report.endpoints().stream()
        .collect(Collectors.toMap(RunReport.EndpointResult::endpoint, e -> e));
    assertThat(byEndpoint.keySet()).containsExactlyInAnyOrder("items", "broken", "missing");
    assertThat(byEndpoint.get("items").status()).isEqualTo("SUCCEEDED");
    assertThat(byEndpoint.get("items").rows()).isEqualTo(RECORDS);
    assertThat(byEndpoint.get("items").requests()).isEqualTo(1 + PAGE_REQUESTS); // discovery + pages
    assertThat(byEndpoint.get("broken").status()).isEqualTo("FAILED");
    assertThat(byEndpoint.get("broken").errorClass()).isEqualTo("MALFORMED_RESPONSE");
    assertThat(byEndpoint.get("broken").errorMessage()).startsWith(DiscoveryAwareFetchers.FAILED_PREFIX);
    assertThat(byEndpoint.get("missing").status()).isEqualTo("FAILED");
    assertThat(byEndpoint.get("missing").errorClass()).isEqualTo("NOT_FOUND");
    for (String failed : List.of("broken", "missing")) {
      assertThat(byEndpoint.get(failed).rows()).as(failed).isZero();
      assertThat(byEndpoint.get(failed).pages()).as(failed).isZero();
      // the discovery attempt that failed is the endpoint's one request of the run (a 404 and a malformed page
      // are not retried)
      assertThat(byEndpoint.get(failed).requests()).as(failed).isEqualTo(1);
      assertThat(fixture.catalog(pipeline).tableExists(TableIdentifier.of(Namespace.of("partial"), failed)))
          .as(failed).isFalse();
    }
    List<Record> runs = fixture.rows(pipeline, "_ingest_runs");
    assertThat(runs).hasSize(3);
    assertThat(runs).extracting(r -> r.getField("run_id")).containsOnly(report.runId());
    assertThat(fixture.rows(pipeline, "items")).extracting(r -> r.getField("id"))
        .containsExactlyInAnyOrderElementsOf(LongStreamIds.upTo(RECORDS));
    assertThat(fixture.rows(pipeline, "_ingest_dead_letters")).isEmpty();
    // at /items: 1 discovery + 4 pages for items, broken's one discovery page, and nothing during the run for broken
    assertThat(api.requests()).isEqualTo(1 + PAGE_REQUESTS + 1);
  }

  @Test
  @Timeout(value = 3, unit = TimeUnit.MINUTES)
  void aDiscoveryThatIsNeverAnsweredEndsWithinTheRetryPolicyAndFailsOnlyItsEndpoint() throws Exception {
    api.serve(records(RECORDS, i -> "\"n\":" + i));
    String yaml = api.pipelineYaml("stalled", connector(), List.of("items", "stalled"), "")
        .replace("runtime: {parallelism: 1, checkpoint_interval: 200ms}", "runtime: {parallelism: 1, "
            + "checkpoint_interval: 200ms, request_timeout: 1s, retry: {max_attempts: 2, base_delay: 100ms}}");
    PipelineSpec pipeline = fixture.load(yaml);

    RunReport report = run(pipeline);

    assertThat(report.failed()).isTrue();
    Map<String, RunReport.EndpointResult> byEndpoint = report.endpoints().stream()
        .collect(Collectors.toMap(RunReport.EndpointResult::endpoint, e -> e));
    assertThat(byEndpoint.get("items").status()).isEqualTo("SUCCEEDED");
    assertThat(byEndpoint.get("items").rows()).isEqualTo(RECORDS);
    assertThat(byEndpoint.get("stalled").status()).isEqualTo("FAILED");
    assertThat(byEndpoint.get("stalled").errorClass()).isEqualTo("NETWORK");
    // the discovery went through the pipeline's runtime: request_timeout per attempt, max_attempts 2, no more
    assertThat(api.stalledRequests()).isEqualTo(2);
    assertThat(fixture.rows(pipeline, "items")).hasSize(RECORDS);
  }

  @Test
  void anExistingTableIsNotDiscoveredAgainAndNewFieldsStillBecomeColumns() throws Exception {
    // upsert: the key column must come from the existing table when there is no discovery page
    api.serve(records(RECORDS, i -> "\"n\":" + i));
    PipelineSpec pipeline = fixture.load(api.pipelineYaml("again", connector(), "{ name: items, write_mode: upsert }", ""));

    RunReport first = run(pipeline);
    assertThat(first.failed()).as("%s", first).isFalse();
    assertThat(api.requests()).isEqualTo(1 + PAGE_REQUESTS);
    assertThat(first.endpoints().get(0).requests()).isEqualTo(1 + PAGE_REQUESTS);

    RunReport second = run(pipeline);
    assertThat(second.failed()).as("%s", second).isFalse();
    // exactly the run's page requests at the server and in the row: no discovery of the existing table
    assertThat(api.requests()).isEqualTo(1 + PAGE_REQUESTS + PAGE_REQUESTS);
    assertThat(second.endpoints().get(0).requests()).isEqualTo(PAGE_REQUESTS);
    assertThat(second.endpoints().get(0).rows()).isEqualTo(RECORDS);

    // a new field becomes a column from the data (NewColumnGuard restarts the run on the new schema), not from a
    // discovery request
    api.serve(records(RECORDS, i -> "\"n\":" + i + ",\"color\":\"c" + i + "\""));
    RunReport third = run(pipeline);
    assertThat(third.failed()).as("%s", third).isFalse();
    assertThat(fixture.table(pipeline, "items").schema().findField("color").type()).isEqualTo(Types.StringType.get());
    List<Record> thirdRows = fixture.rows(pipeline, "items").stream()
        .filter(r -> third.runId().equals(r.getField("_ingest_run_id"))).toList();
    assertThat(thirdRows).hasSize(RECORDS);
    assertThat(thirdRows).allSatisfy(r -> {
      assertThat(r.getField("color")).isEqualTo("c" + r.getField("id"));
      assertThat(r.getField("_ingest_extra")).isNull();
    });
  }

  @Test
  void partitionByDayOfAnInferredTimestampNeedsNoDeclaredSchema() throws Exception {
    OffsetDateTime base = OffsetDateTime.of(2026, 3, 1, 12, 0, 0, 0, ZoneOffset.UTC);
    api.serve(records(RECORDS, i -> "\"updated_at\":\"" + base.plusHours(7L * i) + "\",\"day\":\""
        + base.plusDays(i).toLocalDate() + "\""));
    PipelineSpec pipeline = fixture.load(api.pipelineYaml("timed", connector(),
        "{ name: items, partition_by: day(updated_at) }", ""));

    RunReport first = run(pipeline);
    assertThat(first.failed()).as("%s", first).isFalse();
    var table = fixture.table(pipeline, "items");
    assertThat(table.schema().findField("updated_at").type()).isEqualTo(Types.TimestampType.withZone());
    assertThat(table.schema().findField("day").type()).isEqualTo(Types.DateType.get());
    assertThat(table.spec().fields()).hasSize(1);
    assertThat(table.spec().fields().get(0).transform().toString()).isEqualTo("day");
    assertThat(table.schema().findColumnName(table.spec().fields().get(0).sourceId())).isEqualTo("updated_at");
    Map<Long, Record> rows = fixture.rows(pipeline, "items").stream()
        .collect(Collectors.toMap(r -> (Long) r.getField("id"), r -> r));
    assertThat(rows).hasSize(RECORDS);
    for (long id = 1; id <= RECORDS; id++) {
      assertThat(rows.get(id).getField("updated_at")).as("updated_at of %s", id).isEqualTo(base.plusHours(7L * id));
      assertThat(rows.get(id).getField("day")).as("day of %s", id).isEqualTo(base.plusDays(id).toLocalDate());
      assertThat(rows.get(id).getField("_ingest_extra")).isNull();
    }
    // the data files are partitioned by the day of each record's updated_at (days since the epoch)
    Set<Integer> days = new HashSet<>();
    try (CloseableIterable<FileScanTask> tasks = table.newScan().planFiles()) {
      tasks.forEach(t -> days.add(t.file().partition().get(0, Integer.class)));
    }
    assertThat(days).isEqualTo(IntStream.rangeClosed(1, RECORDS)
        .mapToObj(i -> (int) base.plusHours(7L * i).toLocalDate().toEpochDay()).collect(Collectors.toSet()));
    assertThat(days).hasSize(8); // 2026-03-01T19:00Z … 2026-03-08T19:00Z

    // a later value that does not parse: the column is null, the value is kept in _ingest_extra, the run succeeds
    api.serve(List.of("{\"id\":100,\"updated_at\":\"not a time\",\"day\":\"2026-03-05\"}"));
    RunReport second = run(pipeline);
    assertThat(second.failed()).as("%s", second).isFalse();
    Record late = fixture.rows(pipeline, "items").stream().filter(r -> Long.valueOf(100).equals(r.getField("id")))
        .findFirst().orElseThrow();
    assertThat(late.getField("updated_at")).isNull();
    assertThat(late.getField("_ingest_extra")).isEqualTo("{\"updated_at\":\"not a time\"}");
    assertThat(fixture.rows(pipeline, "_ingest_dead_letters")).isEmpty();
  }

  private RunReport run(PipelineSpec pipeline) throws Exception {
    return new LocalPipelineRunner(fixture.home(), fixture.secrets()).progress(false).runOnce(pipeline);
  }

  /** {@code count} records with ids from 1 and the given extra fields. */
  private static List<String> records(int count, java.util.function.IntFunction<String> fields) {
    List<String> out = new ArrayList<>();
    for (int i = 1; i <= count; i++) {
      out.add("{\"id\":" + i + "," + fields.apply(i) + "}");
    }
    return out;
  }

  /**
   * The scripted API as four endpoints, none with a declared schema: {@code items} (its records), {@code broken}
   * (the same pages, but a records path that matches nothing), {@code missing} (a path the server answers 404) and
   * {@code stalled} (a path the server accepts and never answers).
   */
  private Path connector() throws Exception {
    String yaml = """
        name: discovery
        base_url: "{{ config.base_url }}"
        config:
          base_url: { required: true }
        paging: { type: page_number, page_param: page, size_param: per_page, page_size: %d, start_page: 1, stop: empty_page }
        endpoints:
          items:
            path: /items
            records: items
            primary_key: [id]
          broken:
            path: /items
            records: data.items
          missing:
            path: /nothing-here
            records: items
          stalled:
            path: /stall
            records: items
        """.formatted(PAGE_SIZE);
    Path file = dir.resolve("discovery-" + System.nanoTime() + ".yaml");
    Files.writeString(file, yaml, StandardCharsets.UTF_8);
    return file;
  }

  /** Ids 1..n as the table's longs. */
  private static final class LongStreamIds {
    static List<Long> upTo(int n) {
      return IntStream.rangeClosed(1, n).mapToObj(i -> (long) i).toList();
    }
  }
}
