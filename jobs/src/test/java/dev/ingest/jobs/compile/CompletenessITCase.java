package dev.ingest.jobs.compile;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.ingest.jobs.PipelineFixture;
import dev.ingest.jobs.local.LocalPipelineRunner;
import dev.ingest.jobs.spec.PipelineSpec;
import dev.ingest.sandbox.SandboxApi;
import dev.ingest.sinks.runs.RunRow;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.iceberg.data.Record;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code _ingest_runs.api_total}: the total an API states, beside the rows that landed. The sandbox's tickets state
 * theirs in the body ({@code count}, the built-in connector's {@code total: {path: count}}); a small local API
 * states its totals in {@code X-Total-Count}, right for one endpoint and five too many for the other, whose run
 * row is then incomplete. Endpoints whose connector says nothing about a total record none.
 */
class CompletenessITCase {
  private static final int SERVED = 30;

  @TempDir Path dir;
  private SandboxApi sandbox;
  private PipelineFixture fixture;
  private HttpServer api;

  @BeforeEach
  void start() throws Exception {
    sandbox = SandboxApi.builder().port(0).requireBearerToken(PipelineFixture.TOKEN)
        .datasetSize("tickets", 250).datasetSize("contacts", 120).build().start();
    fixture = new PipelineFixture(dir, sandbox);
    api = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    api.createContext("/right", e -> page(e, SERVED));
    api.createContext("/wrong", e -> page(e, SERVED + 5));
    api.start();
  }

  @AfterEach
  void stop() {
    api.stop(0);
    sandbox.close();
  }

  /** Pages of 10 of {@value #SERVED} records, each response stating {@code stated} as the total. */
  private static void page(HttpExchange exchange, int stated) throws IOException {
    String query = exchange.getRequestURI().getQuery();
    int page = Integer.parseInt(query.replaceAll(".*page=(\\d+).*", "$1"));
    String items = IntStream.range((page - 1) * 10, Math.min(SERVED, page * 10)).mapToObj(i -> "{\"id\": " + i + "}")
        .collect(Collectors.joining(","));
    byte[] body = ("{\"items\": [" + items + "]}").getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.getResponseHeaders().add("X-Total-Count", Integer.toString(stated));
    exchange.sendResponseHeaders(200, body.length);
    exchange.getResponseBody().write(body);
    exchange.close();
  }

  @Test
  void recordsTheTotalTheSandboxStatesInTheBody() throws Exception {
    PipelineSpec pipeline = fixture.load(fixture.yaml("complete", List.of("tickets", "contacts"), "0 * * * *",
        "runtime: {parallelism: 2, checkpoint_interval: 300ms}"));
    new LocalPipelineRunner(fixture.home(), fixture.secrets()).progress(false).runOnce(pipeline);

    Map<String, Record> runs = runs(pipeline);
    assertThat(runs.get("tickets").getField("rows")).isEqualTo(250L);
    assertThat(runs.get("tickets").getField("api_total")).isEqualTo(250L);
    assertThat(runs.get("contacts").getField("api_total")).as("the contacts endpoint states no total").isNull();
  }

  @Test
  void aStatedTotalOtherThanTheRowsMakesTheRunIncomplete() throws Exception {
    Files.writeString(dir.resolve("counted.yaml"), """
        name: counted
        base_url: "{{ config.base_url }}"
        config:
          base_url: { required: true }
        paging: { type: page_number, page_param: page, size_param: per_page, page_size: 10, start_page: 1, stop: short_page }
        endpoints:
          right:
            path: /right
            records: items
            total: { header: X-Total-Count }
            schema: { type: object, properties: { id: { type: integer } } }
          wrong:
            path: /wrong
            records: items
            total: { header: X-Total-Count }
            schema: { type: object, properties: { id: { type: integer } } }
        """);
    PipelineSpec pipeline = fixture.load("""
        name: counted
        connector_file: %s
        config: { base_url: "http://127.0.0.1:%d" }
        endpoints: [right, wrong]
        schedule: "0 * * * *"
        runtime: {parallelism: 1, checkpoint_interval: 300ms}
        """.formatted(dir.resolve("counted.yaml"), api.getAddress().getPort()));
    new LocalPipelineRunner(fixture.home(), fixture.secrets()).progress(false).runOnce(pipeline);

    Map<String, Record> runs = runs(pipeline);
    assertThat(runs.get("right").getField("rows")).isEqualTo((long) SERVED);
    assertThat(runs.get("right").getField("api_total")).isEqualTo((long) SERVED);
    assertThat(runs.get("wrong").getField("rows")).isEqualTo((long) SERVED);
    assertThat(runs.get("wrong").getField("api_total")).isEqualTo(SERVED + 5L);
    assertThat(runs.values()).allSatisfy(r -> assertThat(r.getField("status")).isEqualTo("SUCCEEDED"));
    assertThat(row(runs.get("right")).isIncomplete()).isFalse();
    assertThat(row(runs.get("wrong")).isIncomplete()).isTrue();
  }

  private Map<String, Record> runs(PipelineSpec pipeline) throws Exception {
    return fixture.rows(pipeline, "_ingest_runs").stream()
        .collect(Collectors.toMap(r -> (String) r.getField("endpoint"), r -> r));
  }

  /** The fields {@link RunRow#isIncomplete} reads. */
  private static RunRow row(Record r) {
    return new RunRow((String) r.getField("run_id"), (String) r.getField("endpoint"), 0, 0, 0, 0, 0, 0,
        (Long) r.getField("rows"), 0, 0, 0, 0, 0, (String) r.getField("status"), null, null, null, null, null,
        (Long) r.getField("api_total"));
  }
}
