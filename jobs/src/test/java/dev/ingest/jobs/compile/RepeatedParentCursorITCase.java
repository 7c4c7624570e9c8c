package dev.ingest.jobs.compile;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.ingest.jobs.PipelineFixture;
import dev.ingest.jobs.local.LocalPipelineRunner;
import dev.ingest.sinks.runs.RunReport;
import dev.ingest.jobs.spec.PipelineSpec;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.apache.iceberg.data.Record;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A parent endpoint whose server answers every page with the same records and the same next cursor (what Prism's
 * static mock of Asana does): the run of its fanned-out child ends within seconds as {@code PAGINATION} instead of
 * paging forever, the parent's own run fails the same way, and the children of the repeated page are not landed
 * again. Before the enumerator kept the loop guard across parent page parts, each part's fresh fetcher saw one
 * page only and this run never ended.
 */
class RepeatedParentCursorITCase {
  private static final int PROJECTS = 3;
  private static final int TASKS_PER_PROJECT = 2;

  @TempDir Path dir;
  private HttpServer server;
  private final AtomicInteger cursorPages = new AtomicInteger();
  private PipelineFixture fixture;

  @BeforeEach
  void start() throws Exception {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/projects", this::handle);
    server.setExecutor(Executors.newFixedThreadPool(4));
    server.start();
    fixture = new PipelineFixture(dir, null);
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  @Test
  @Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void aParentRepeatingItsCursorFailsAsPaginationWithinSecondsAndLandsNoChildTwice() throws Exception {
    PipelineSpec pipeline = fixture.load(yaml());

    long started = System.nanoTime();
    RunReport report = new LocalPipelineRunner(fixture.home(), fixture.secrets()).progress(false).runOnce(pipeline);
    Duration took = Duration.ofNanos(System.nanoTime() - started);

    assertThat(took).as("the run ends on its own, bounded").isLessThan(Duration.ofSeconds(60));
    assertThat(report.failed()).isTrue();
    for (String endpoint : List.of("projects", "tasks")) {
      Record run = runRow(pipeline, endpoint);
      assertThat(run.getField("status")).as(endpoint).isEqualTo("FAILED");
      assertThat(run.getField("error_class")).as(endpoint).isEqualTo("PAGINATION");
    }
    assertThat((String) runRow(pipeline, "tasks").getField("error_message"))
        .startsWith("pagination loop in endpoint 'tasks': parent page 2 points to a parent page already requested");

    Map<String, Long> tasks = fixture.rows(pipeline, "tasks").stream()
        .collect(Collectors.groupingBy(r -> (String) r.getField("id"), Collectors.counting()));
    assertThat(tasks).as("the children of the first parent page, each once").hasSize(PROJECTS * TASKS_PER_PROJECT)
        .containsOnlyKeys("p0-0", "p0-1", "p1-0", "p1-1", "p2-0", "p2-1").allSatisfy((id, n) -> assertThat(n)
            .isEqualTo(1L));
    assertThat(runRow(pipeline, "tasks").getField("rows")).isEqualTo((long) PROJECTS * TASKS_PER_PROJECT);
    // projects (whole): the first page, the cursor's page, then the repeat is refused; tasks: p0 and p1
    assertThat(fixture.rows(pipeline, "projects")).hasSize(2 * PROJECTS);
    assertThat(cursorPages.get()).as("the cursor's page: once by projects, once by the tasks' part p1, then never")
        .isEqualTo(2);
  }

  private String yaml() throws IOException {
    String connector = """
        name: repeating_parent
        base_url: "{{ config.base_url }}"
        config:
          base_url: { required: true }
        paging: { type: body_cursor, cursor_path: next_page.offset, cursor_param: offset }
        endpoints:
          projects:
            path: /projects
            records: data
            primary_key: [id]
          tasks:
            parent: projects
            path: "/projects/{{ parent.id }}/tasks"
            records: data
            primary_key: [id]
        """;
    Path file = dir.resolve("repeating-parent.yaml");
    Files.writeString(file, connector, StandardCharsets.UTF_8);
    return """
        name: repeating_parent
        connector_file: %s
        config:
          base_url: http://127.0.0.1:%d
        endpoints: [projects, tasks]
        write_mode: append
        schedule: "0 * * * *"
        runtime: {parallelism: 2, checkpoint_interval: 300ms}
        """.formatted(file, server.getAddress().getPort());
  }

  /** {@code /projects}: the same 3 projects and the same next cursor on every page; tasks: 2 a project, 1 page. */
  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String[] path = exchange.getRequestURI().getPath().split("/");
      String body;
      if (path.length == 2) {
        String query = exchange.getRequestURI().getQuery();
        if (query != null && query.contains("offset=")) {
          cursorPages.incrementAndGet();
        }
        body = "{\"data\":[{\"id\":\"p0\"},{\"id\":\"p1\"},{\"id\":\"p2\"}],\"next_page\":{\"offset\":\"eyJvIjoxMDB9\"}}";
      } else {
        String project = path[2];
        body = "{\"data\":[{\"id\":\"" + project + "-0\"},{\"id\":\"" + project + "-1\"}],\"next_page\":null}";
      }
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
  }

  private Record runRow(PipelineSpec pipeline, String endpoint) throws Exception {
    List<Record> rows = fixture.rows(pipeline, "_ingest_runs").stream()
        .filter(r -> endpoint.equals(r.getField("endpoint"))).toList();
    assertThat(rows).as("one run row for %s", endpoint).hasSize(1);
    return rows.get(0);
  }
}
