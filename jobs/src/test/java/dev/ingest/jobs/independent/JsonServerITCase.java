package dev.ingest.jobs.independent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ingest.jobs.PipelineFixture;
import dev.ingest.jobs.local.LocalPipelineRunner;
import dev.ingest.sinks.runs.RunReport;
import dev.ingest.jobs.spec.PipelineSpec;
import dev.ingest.testkit.ExternalServer;
import dev.ingest.testkit.NodeTools;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A REST API this project did not write: json-server 0.17.4 (npm) serving 2,345 generated records. It pages with
 * {@code _page}/{@code _limit} and sends a {@code Link} header only when {@code _page} is in the request, so the
 * connector (a {@code connector_file:}) puts {@code _page: 1} in the first request and follows {@code rel="next"}
 * with the {@code link_header} paginator; it filters with {@code updated_at_gte}, the connector's incremental
 * parameter. No schema is declared: {@code updated_at} is inferred as {@code timestamptz}. The first run lands every
 * record; json-server's own REST API then changes three records and adds five, and the second, incremental run
 * lands exactly those (plus the record at the mark, which the inclusive filter reads again), upserted by id.
 * Requests are counted in json-server's own request log.
 */
class JsonServerITCase {
  private static final int RECORDS = 2_345;
  private static final int PAGE_SIZE = 100;
  private static final int PAGES = (RECORDS + PAGE_SIZE - 1) / PAGE_SIZE; // 24, the last with 45 records
  private static final Instant BASE = Instant.parse("2026-01-01T00:00:00Z");
  private static final List<Long> CHANGED = List.of(10L, 1_000L, 2_000L);
  private static final int ADDED = 5;
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  private ExternalServer server;
  private PipelineFixture fixture;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @BeforeEach
  void start() throws Exception {
    Path exe = NodeTools.require("json-server");
    Path work = dir.resolve("json-server");
    Files.createDirectories(work);
    Files.writeString(work.resolve("db.json"), db(), StandardCharsets.UTF_8);
    int port = ExternalServer.freePort();
    server = ExternalServer.start("json-server", List.of(exe.toString(), "db.json", "--port",
        Integer.toString(port), "--host", "127.0.0.1"), work, port, Duration.ofSeconds(60));
    fixture = new PipelineFixture(dir.resolve("home"), null);
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void landsEveryRecordThenAnIncrementalRunLandsExactlyTheChangedAndAddedOnes() throws Exception {
    PipelineSpec pipeline = fixture.load(pipelineYaml(connector()));

    RunReport first = run(pipeline);
    assertThat(first.failed()).as("%s", first).isFalse();
    RunReport.EndpointResult firstRun = first.endpoints().get(0);
    assertThat(firstRun.rows()).isEqualTo(RECORDS);
    assertThat(firstRun.pages()).isEqualTo(PAGES);
    // the schema discovery request (page 1) and the 24 pages, in json-server's log and in the run row
    assertThat(recordRequests()).isEqualTo(1 + PAGES);
    assertThat(firstRun.requests()).isEqualTo(1 + PAGES);
    assertThat(fixture.table(pipeline, "records").schema().findField("updated_at").type())
        .isEqualTo(Types.TimestampType.withZone());
    Map<Long, Record> landed = byId(fixture.rows(pipeline, "records"));
    assertThat(landed).hasSize(RECORDS);
    for (long id = 1; id <= RECORDS; id++) {
      assertThat(landed.get(id).getField("name")).as("name of %s", id).isEqualTo("record " + id);
      assertThat(landed.get(id).getField("updated_at")).as("updated_at of %s", id).isEqualTo(updatedAt(id));
    }

    Instant later = BASE.plusSeconds(3_600L * 24 * 30);
    for (long id : CHANGED) {
      send("PATCH", "/records/" + id, "{\"name\":\"changed " + id + "\",\"updated_at\":\"" + later + "\"}");
    }
    for (long id = RECORDS + 1; id <= RECORDS + ADDED; id++) {
      send("POST", "/records", "{\"id\":" + id + ",\"name\":\"added " + id + "\",\"updated_at\":\""
          + later.plusSeconds(id) + "\"}");
    }
    int before = recordRequests();

    RunReport second = run(pipeline);
    assertThat(second.failed()).as("%s", second).isFalse();
    RunReport.EndpointResult secondRun = second.endpoints().get(0);
    // updated_at >= the mark: the record at the mark (id 2345, read again by the inclusive filter), the 3 changed
    // and the 5 added, on one page; no discovery request for the existing table
    assertThat(secondRun.rows()).isEqualTo(1 + CHANGED.size() + ADDED);
    assertThat(secondRun.pages()).isEqualTo(1);
    assertThat(recordRequests() - before).isEqualTo(1);
    assertThat(secondRun.requests()).isEqualTo(1);
    assertThat(server.logText()).contains("updated_at_gte=" + java.net.URLEncoder.encode(updatedAt(RECORDS)
        .toInstant().toString(), StandardCharsets.UTF_8));

    Map<Long, Record> live = byId(fixture.rows(pipeline, "records")); // equality deletes applied by the reader
    assertThat(live).hasSize(RECORDS + ADDED);
    for (long id = 1; id <= RECORDS + ADDED; id++) {
      Record row = live.get(id);
      if (CHANGED.contains(id)) {
        assertThat(row.getField("name")).isEqualTo("changed " + id);
        assertThat(row.getField("updated_at")).isEqualTo(later.atOffset(ZoneOffset.UTC));
        assertThat(row.getField("_ingest_run_id")).isEqualTo(second.runId());
      } else if (id > RECORDS) {
        assertThat(row.getField("name")).isEqualTo("added " + id);
        assertThat(row.getField("updated_at")).isEqualTo(later.plusSeconds(id).atOffset(ZoneOffset.UTC));
        assertThat(row.getField("_ingest_run_id")).isEqualTo(second.runId());
      } else {
        assertThat(row.getField("name")).as("name of %s", id).isEqualTo("record " + id);
        assertThat(row.getField("_ingest_run_id")).as("run of %s", id)
            .isEqualTo(id == RECORDS ? second.runId() : first.runId());
      }
    }
    assertThat(fixture.rows(pipeline, "_ingest_dead_letters")).isEmpty();
  }

  private RunReport run(PipelineSpec pipeline) throws Exception {
    return new LocalPipelineRunner(fixture.home(), fixture.secrets()).progress(false).runOnce(pipeline);
  }

  /** Requests json-server logged for the records resource (its log line: {@code GET /records?… 200 …}). */
  private int recordRequests() {
    return (int) server.logText().lines().filter(line -> line.contains("GET /records")).count();
  }

  private void send(String method, String path, String body) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(URI.create(server.url() + path))
        .timeout(Duration.ofSeconds(10))
        .header("Content-Type", "application/json")
        .method(method, HttpRequest.BodyPublishers.ofString(body))
        .build();
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as("%s %s: %s", method, path, response.body()).isBetween(200, 201);
  }

  private static OffsetDateTime updatedAt(long id) {
    return BASE.plusSeconds(60 * id).atOffset(ZoneOffset.UTC);
  }

  private static String db() throws Exception {
    ObjectNode root = JSON.createObjectNode();
    ArrayNode records = root.putArray("records");
    for (long id = 1; id <= RECORDS; id++) {
      records.addObject().put("id", id).put("name", "record " + id)
          .put("updated_at", updatedAt(id).toInstant().toString());
    }
    return JSON.writeValueAsString(root);
  }

  private static Map<Long, Record> byId(List<Record> rows) {
    Map<Long, Record> byId = rows.stream().collect(Collectors.toMap(r -> (Long) r.getField("id"), r -> r));
    assertThat(byId).hasSize(rows.size());
    return byId;
  }

  /** A custom connector for json-server's {@code /records}: no declared schema. */
  private Path connector() throws Exception {
    Path file = dir.resolve("json-server-connector.yaml");
    Files.writeString(file, """
        name: json_server
        base_url: "{{ config.base_url }}"
        config:
          base_url: { required: true }
        endpoints:
          records:
            path: /records
            params: { _page: "1", _sort: id }   # json-server sends Link only when _page is in the request
            records: $
            primary_key: [id]
            paging: { type: link_header, size_param: _limit, page_size: %d }
            incremental: { cursor_field: updated_at, param: updated_at_gte }
        """.formatted(PAGE_SIZE), StandardCharsets.UTF_8);
    return file;
  }

  private String pipelineYaml(Path connector) {
    return """
        name: jsonserver
        connector_file: %s
        config:
          base_url: %s
        endpoints: [{ name: records, write_mode: upsert }]
        schedule: "0 * * * *"
        runtime: {parallelism: 1, checkpoint_interval: 500ms}
        """.formatted(connector, server.url());
  }
}
