package dev.ingest.jobs.airbyte;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ingest.jobs.spec.PipelineSpec;
import dev.ingest.sources.spec.SpecException;
import dev.ingest.testkit.AirbyteCorpus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A manifest offered by name from the home's {@code airbyte.manifest_dirs} runs as {@code connector: todoist},
 * exactly as through {@code connector_file}: every row lands, the requests are the same.
 */
class ManifestByNameITCase {
  @TempDir Path dir;

  private static void offer(ManifestPipelineRun run, String... manifests) throws Exception {
    Path home = run.fixture().home().root();
    Path folder = Files.createDirectories(home.resolve("airbyte-manifests"));
    for (String manifest : manifests) {
      Files.copy(AirbyteCorpus.manifest(manifest), folder.resolve(manifest.replaceFirst("^NEGATIVE-", "")));
    }
    Files.writeString(home.resolve("config.yaml"), "airbyte:\n  manifest_dirs: [airbyte-manifests]\n");
  }

  @Test
  void aPipelineNamesAnOfferedManifestLikeABuiltInConnector() throws Exception {
    try (TodoistApi api = new TodoistApi()) {
      ManifestPipelineRun run = new ManifestPipelineRun(dir).secret("todoist", Map.of("token", TodoistApi.TOKEN));
      offer(run, "source-todoist.yaml", "NEGATIVE-source-the-guardian-api.yaml");
      PipelineSpec pipeline = run.run("""
          name: todoist_by_name
          connector: todoist
          config:
            url_base: %s
          credentials:
            secret: todoist
          endpoints: [tasks, projects]
          schedule: "0 * * * *"
          """.formatted(api.urlBase()));

      assertThat(pipeline.airbyteManifest()).isPresent();
      assertThat(pipeline.connector().name()).isEqualTo("todoist");
      assertThat(run.rows(pipeline, "tasks")).hasSize(TodoistApi.tasks().size());
      assertThat(run.rows(pipeline, "projects")).hasSize(TodoistApi.PROJECTS);
      int discovery = 1;
      assertThat(api.requests("/rest/v2/tasks")).hasSize(1 + discovery);
      assertThat(api.requests()).allSatisfy(r -> assertThat(r.authorization())
          .isEqualTo("Bearer " + TodoistApi.TOKEN));

      // an offered manifest that needs Python is refused at load under connector.<component path>
      assertThatThrownBy(() -> run.load("""
          name: guardian
          connector: the_guardian_api
          config: {api_key: x}
          endpoints: [content]
          schedule: "0 * * * *"
          """)).isInstanceOf(SpecException.class)
          .hasMessageContaining("connector.streams[0].retriever.paginator.pagination_strategy: "
              + "CustomPaginationStrategy needs Python code");
      // a name neither built in nor offered lists what is known
      assertThatThrownBy(() -> run.load("""
          name: nope
          connector: not_a_connector
          endpoints: [x]
          schedule: "0 * * * *"
          """)).isInstanceOf(SpecException.class).hasMessageContaining("connector");
    }
  }
}
