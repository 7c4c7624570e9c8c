package dev.ingest.jobs.airbyte;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ingest.jobs.spec.PipelineSpec;
import dev.ingest.sources.spec.SpecException;
import dev.ingest.testkit.AirbyteCorpus;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.iceberg.data.Record;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Corpus manifests, unmodified, as pipelines: every stream of todoist, workable, emailoctopus, pagerduty and
 * configcat lands in Iceberg from a fake API written from the provider's documentation, with the requests checked
 * one by one (paths, query parameters, auth, paging stop). Each stream's first page is requested once more at job
 * start, when its new table's schema is discovered from it (counted as {@code discovery} below).
 */
class ManifestPipelinesITCase {
  @TempDir Path dir;

  @Test
  void todoistLandsTasksAndProjects() throws Exception {
    try (TodoistApi api = new TodoistApi()) {
      ManifestPipelineRun run = new ManifestPipelineRun(dir).secret("todoist", Map.of("token", TodoistApi.TOKEN));
      PipelineSpec pipeline = run.run(ManifestPipelineRun.yaml("todoist", "source-todoist.yaml",
          "url_base: " + api.urlBase(), "todoist", List.of("tasks", "projects")));

      assertThat(run.column(pipeline, "tasks", "id")).containsExactlyElementsOf(
          TodoistApi.tasks().stream().map(t -> (Object) t.get("id")).sorted((a, b) -> ((String) a).compareTo(
              (String) b)).toList());
      assertThat(run.rows(pipeline, "projects")).hasSize(TodoistApi.PROJECTS);
      int discovery = 1;
      assertThat(api.requests("/rest/v2/tasks")).hasSize(1 + discovery)
          .allSatisfy(r -> assertThat(r.line()).isEqualTo("/rest/v2/tasks"));
      assertThat(api.requests("/rest/v2/projects")).hasSize(1 + discovery);
      assertThat(api.requests()).allSatisfy(r -> assertThat(r.authorization())
          .isEqualTo("Bearer " + TodoistApi.TOKEN));
      assertThat(run.runRow(pipeline, "tasks").getField("status")).isEqualTo("SUCCEEDED");
    }
  }

  @Test
  void workableFollowsTheNextUrlUntilPagingHasNoNext() throws Exception {
    try (WorkableApi api = new WorkableApi()) {
      ManifestPipelineRun run = new ManifestPipelineRun(dir).secret("workable", Map.of("api_key",
          WorkableApi.TOKEN));
      List<String> streams = List.of("jobs", "candidates", "stages", "recruiters");
      PipelineSpec pipeline = run.run(ManifestPipelineRun.yaml("workable", "source-workable.yaml",
          "url_base: " + api.origin() + "\naccount_subdomain: acme\nstart_date: 20240101T000000Z", "workable",
          streams));

      for (String stream : streams) {
        List<Record> rows = run.rows(pipeline, stream);
        assertThat(rows).as(stream).hasSize(WorkableApi.SIZES.get(stream));
        int discovery = 1;
        List<ManifestApi.Request> requests = api.requests("/spi/v3/" + stream);
        assertThat(requests).as(stream).hasSize(WorkableApi.pages(stream) + discovery);
        assertThat(requests.get(0).line()).isEqualTo("/spi/v3/" + stream + "?created_after=20240101T000000Z&limit=100");
      }
      // jobs: 7 records at 3 per page; pages 2 and 3 follow paging.next (since_id of the page's last record)
      List<String> jobs = api.requests("/spi/v3/jobs").stream().skip(1).map(ManifestApi.Request::line).toList();
      assertThat(jobs).containsExactly(
          "/spi/v3/jobs?created_after=20240101T000000Z&limit=100",
          "/spi/v3/jobs?since_id=j1003&created_after=20240101T000000Z&limit=100",
          "/spi/v3/jobs?since_id=j1006&created_after=20240101T000000Z&limit=100");
      assertThat(api.requests()).allSatisfy(r -> assertThat(r.authorization()).isEqualTo("Bearer "
          + WorkableApi.TOKEN));
    }
  }

  @Test
  void emailOctopusPagesUntilAShortPageAndRemovesFields() throws Exception {
    try (EmailOctopusApi api = new EmailOctopusApi()) {
      ManifestPipelineRun run = new ManifestPipelineRun(dir).secret("octopus", Map.of("api_key",
          EmailOctopusApi.KEY));
      PipelineSpec pipeline = run.run(ManifestPipelineRun.yaml("octopus", "source-emailoctopus.yaml",
          "url_base: " + api.urlBase(), "octopus", List.of("campaigns", "lists")));

      // PageIncrement, start_from_page 0, not injected first: no page, then page=1, 2, 3 (a short page stops);
      // EmailOctopus pages are 1-based, so the first page is read twice, exactly as Airbyte reads it
      int discovery = 1;
      List<String> campaigns = api.requests("/api/1.6/campaigns").stream().skip(discovery)
          .map(ManifestApi.Request::line).toList();
      String key = "api_key=" + EmailOctopusApi.KEY;
      assertThat(campaigns).containsExactly("/api/1.6/campaigns?" + key + "&limit=50",
          "/api/1.6/campaigns?" + key + "&page=1&limit=50", "/api/1.6/campaigns?" + key + "&page=2&limit=50",
          "/api/1.6/campaigns?" + key + "&page=3&limit=50");
      List<Record> rows = run.rows(pipeline, "campaigns");
      assertThat(rows).hasSize(50 + 50 + 50 + 20);
      assertThat(rows.stream().map(r -> r.getField("id")).distinct()).hasSize(EmailOctopusApi.CAMPAIGNS);
      assertThat(rows).as("RemoveFields dropped content.html and content.plain_text")
          .allSatisfy(r -> assertThat(String.valueOf(r.getField("content"))).doesNotContain("campaign"));
      assertThat(rows.get(0).getField("subject")).isNotNull();
      assertThat(api.requests("/api/1.6/lists")).hasSize(1 + discovery);
      List<Record> lists = run.rows(pipeline, "lists");
      assertThat(lists).hasSize(EmailOctopusApi.LISTS);
      assertThat(lists.get(0).struct().field("tags")).as("RemoveFields dropped tags").isNull();
      assertThat(lists.get(0).struct().field("counts")).isNotNull();
    }
  }

  @Test
  void pagerDutyFansIncidentLogsOutOverIncidents() throws Exception {
    try (PagerDutyApi api = new PagerDutyApi()) {
      ManifestPipelineRun run = new ManifestPipelineRun(dir).secret("pd", Map.of("token", PagerDutyApi.KEY));
      List<String> streams = List.of("incidents", "incident_logs", "teams", "services", "users", "priorities");
      PipelineSpec pipeline = run.run(ManifestPipelineRun.yaml("pd", "source-pagerduty.yaml",
          "url_base: " + api.origin(), "pd", streams));

      assertThat(run.rows(pipeline, "incidents")).hasSize(PagerDutyApi.INCIDENTS);
      assertThat(run.column(pipeline, "incident_logs", "id")).containsExactlyElementsOf(IntStream.rangeClosed(1,
          PagerDutyApi.INCIDENTS).boxed().flatMap(i -> IntStream.rangeClosed(1, PagerDutyApi.LOGS_PER_INCIDENT)
          .mapToObj(l -> (Object) ("PINC" + i + "-L" + l))).toList());
      PagerDutyApi.SIZES.forEach((resource, size) -> assertThat(rowsOf(run, pipeline, resource)).hasSize(size));
      for (int i = 1; i <= PagerDutyApi.INCIDENTS; i++) {
        assertThat(api.requests("/incidents/PINC" + i + "/log_entries")).as("incident %s", i).isNotEmpty();
      }
      assertThat(api.requests()).allSatisfy(r -> assertThat(r.authorization()).isEqualTo("Token token="
          + PagerDutyApi.KEY));
      assertThat(api.requests()).allSatisfy(r -> assertThat(r.query()).isEmpty());
    }
  }

  @Test
  void configCatWalksProductsAndOrganizationsForTheirChildren() throws Exception {
    try (ConfigCatApi api = new ConfigCatApi()) {
      ManifestPipelineRun run = new ManifestPipelineRun(dir).secret("cc", Map.of("password", ConfigCatApi.PASSWORD));
      List<String> streams = List.of("organizations", "organization_members", "products", "tags", "environments");
      PipelineSpec pipeline = run.run(ManifestPipelineRun.yaml("cc", "source-configcat.yaml",
          "url_base: " + api.urlBase() + "\nusername: " + ConfigCatApi.USER, "cc", streams));

      assertThat(run.rows(pipeline, "organizations")).hasSize(ConfigCatApi.ORGANIZATIONS);
      assertThat(run.rows(pipeline, "organization_members"))
          .hasSize(ConfigCatApi.ORGANIZATIONS * ConfigCatApi.MEMBERS_PER_ORGANIZATION);
      assertThat(run.rows(pipeline, "products")).hasSize(ConfigCatApi.PRODUCTS);
      assertThat(run.column(pipeline, "tags", "tagId")).containsExactly(11L, 12L, 21L, 22L, 31L, 32L);
      assertThat(run.rows(pipeline, "environments"))
          .hasSize(ConfigCatApi.PRODUCTS * ConfigCatApi.ENVIRONMENTS_PER_PRODUCT);
      assertThat(api.requests()).allSatisfy(r -> assertThat(r.authorization()).isEqualTo(api.authorization()));
    }
  }

  @Test
  void anInlineSecretIsRefusedNamingTheField() throws Exception {
    ManifestPipelineRun run = new ManifestPipelineRun(dir);
    assertThatThrownBy(() -> run.load(ManifestPipelineRun.yaml("inline", "source-todoist.yaml",
        "token: abc", null, List.of("tasks"))))
        .isInstanceOf(SpecException.class)
        .hasMessageContaining("config.token: is an airbyte_secret field")
        .hasMessageNotContaining("abc");
  }

  @Test
  void aStreamThatCannotRunIsRefusedWithItsComponentPath() throws Exception {
    ManifestPipelineRun run = new ManifestPipelineRun(dir).secret("cal", Map.of("api_key", "k"));
    Path manifest = AirbyteCorpus.calendlyWithNestedDependency(dir);
    assertThatThrownBy(() -> run.load(ManifestPipelineRun.yaml("cal", manifest,
        "url_base: http://127.0.0.1:9\nstart_date: 2024-01-01T00:00:00Z", "cal", List.of("groups",
            "event_invitees"))))
        .isInstanceOf(SpecException.class)
        .hasMessageContaining("endpoints[1]: stream 'event_invitees' cannot run: streams[5].retriever."
            + "partition_router.parent_stream_configs[0].incremental_dependency: not supported on a parent stream "
            + "that itself sets incremental_dependency on its own parent");
  }

  @Test
  void theNetworkPolicyAppliesToTheUrlBaseOverride() throws Exception {
    ManifestPipelineRun run = new ManifestPipelineRun(dir).secret("todoist", Map.of("token", "t"));
    assertThatThrownBy(() -> run.load(ManifestPipelineRun.yaml("blocked", "source-todoist.yaml",
        "url_base: http://10.1.2.3/rest/v2", "todoist", List.of("tasks"))))
        .isInstanceOf(SpecException.class).hasMessageContaining("config.url_base");
  }

  @Test
  void theNegativeManifestIsRefusedWithThePythonComponentPath() throws Exception {
    ManifestPipelineRun run = new ManifestPipelineRun(dir);
    assertThatThrownBy(() -> run.load(ManifestPipelineRun.yaml("guardian", "NEGATIVE-source-the-guardian-api.yaml",
        "api_key: x", null, List.of("content"))))
        .isInstanceOf(SpecException.class)
        .hasMessageContaining("connector_file.streams[0].retriever.paginator.pagination_strategy: "
            + "CustomPaginationStrategy needs Python code");
  }

  private static List<Record> rowsOf(ManifestPipelineRun run, PipelineSpec pipeline, String table) {
    try {
      return run.rows(pipeline, table);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
