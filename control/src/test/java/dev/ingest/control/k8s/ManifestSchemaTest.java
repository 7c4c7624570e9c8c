package dev.ingest.control.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ingest.control.deploy.kubernetes.FlinkResources;
import dev.ingest.control.deploy.kubernetes.KubernetesSettings;
import dev.ingest.jobs.IngestHome;
import dev.ingest.jobs.spec.PipelineLoader;
import dev.ingest.jobs.spec.PipelineSpec;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every Flink custom resource Ingest generates ({@link FlinkResources}) or checks in (k8s/) validates against the
 * Flink Kubernetes Operator 1.15.0 CRD schemas, with unknown fields and wrong types as errors ({@link CrdSchemas}).
 * The per-pipeline template in k8s/templates is what FlinkResources generates, not a hand-kept copy.
 */
class ManifestSchemaTest {
  static final Path K8S = Path.of("..", "k8s");
  static final String PIPELINE = """
      name: support
      connector: sandbox
      config:
        base_url: http://sandbox.ingest.svc:8089
      credentials:
        secret: support-token
      endpoints: [tickets, contacts]
      schedule: "*/15 * * * *"
      runtime:
        parallelism: 2
      """;

  @TempDir Path dir;

  static KubernetesSettings application(Map<String, String> flinkConfiguration) {
    return new KubernetesSettings("ingest", KubernetesSettings.Mode.APPLICATION, null, "ghcr.io/acme/ingest-job:0.1.0",
        "local:///opt/flink/usrlib/ingest-job.jar", "ingest-flink", "s3://acme-lake/ingest", flinkConfiguration,
        Map.of("INGEST_SECRETS_TYPE", "aws", "INGEST_SECRETS_REGION", "eu-west-1"));
  }

  static KubernetesSettings session() {
    return new KubernetesSettings("ingest", KubernetesSettings.Mode.SESSION, "ingest-session", null,
        "https://artifacts.acme.internal/ingest-job.jar", null, "s3://acme-lake/ingest", Map.of(), Map.of());
  }

  private PipelineSpec spec() throws Exception {
    return new PipelineLoader(new IngestHome(dir).specDefaults()).parse("test", PIPELINE.getBytes(StandardCharsets.UTF_8), null);
  }

  private static JsonNode json(GenericKubernetesResource resource) {
    return CrdSchemas.YAML.valueToTree(resource);
  }

  @Test
  void generatedApplicationModeDeploymentsValidate() throws Exception {
    FlinkResources resources = new FlinkResources(application(Map.of("s3.path.style.access", "true")));
    JsonNode scheduled = json(resources.build("ingest-support", spec(), PIPELINE, false));
    JsonNode once = json(resources.build("ingest-support-run-1735689600", spec(), PIPELINE, true));

    assertThat(scheduled.path("kind").asText()).isEqualTo("FlinkDeployment");
    assertThat(CrdSchemas.problems(scheduled)).isEmpty();
    assertThat(CrdSchemas.problems(once)).isEmpty();
  }

  @Test
  void generatedSessionJobsValidate() throws Exception {
    FlinkResources resources = new FlinkResources(session());
    JsonNode job = json(resources.build("ingest-support", spec(), PIPELINE, false));

    assertThat(job.path("kind").asText()).isEqualTo("FlinkSessionJob");
    assertThat(CrdSchemas.problems(job)).isEmpty();
    assertThat(CrdSchemas.problems(json(resources.build("ingest-support-run-1", spec(), PIPELINE, true)))).isEmpty();
  }

  @Test
  void unknownFieldsAndWrongTypesAreRejected() throws Exception {
    ObjectNode resource = (ObjectNode) json(new FlinkResources(application(Map.of()))
        .build("ingest-support", spec(), PIPELINE, false));
    ObjectNode job = (ObjectNode) resource.path("spec").path("job");
    job.put("parallelism", "two");
    job.put("upgradeMod", "savepoint");
    ((ObjectNode) resource.path("spec")).put("flinkVersion", "v2_9");

    assertThat(String.join("\n", CrdSchemas.problems(resource)))
        .contains("/spec/job/parallelism").contains("upgradeMod").contains("/spec/flinkVersion");
  }

  @Test
  void checkedInManifestsValidate() throws Exception {
    List<String> problems = new ArrayList<>();
    int flinkResources = 0;
    for (Path file : manifests()) {
      try (MappingIterator<JsonNode> docs = CrdSchemas.YAML.readerFor(JsonNode.class).readValues(file.toFile())) {
        while (docs.hasNext()) {
          JsonNode doc = docs.next();
          if (doc == null || doc.isNull() || doc.isEmpty()) {
            continue;
          }
          String where = K8S.relativize(file) + " " + doc.path("kind").asText() + " "
              + doc.path("metadata").path("name").asText();
          if (doc.path("apiVersion").asText().startsWith("flink.apache.org/")) {
            flinkResources++;
            CrdSchemas.problems(doc).forEach(p -> problems.add(where + ": " + p));
          } else if (!doc.path("kind").asText().equals("Kustomization")
              && (doc.path("apiVersion").asText().isEmpty() || doc.path("metadata").path("name").asText().isEmpty())) {
            problems.add(where + ": apiVersion and metadata.name are required");
          }
        }
      }
    }
    assertThat(flinkResources).as("FlinkDeployments in k8s/").isGreaterThanOrEqualTo(2);
    assertThat(problems).isEmpty();
  }

  @Test
  void kustomizationListsFilesThatExist() throws Exception {
    JsonNode kustomization = CrdSchemas.YAML.readTree(K8S.resolve("base/kustomization.yaml").toFile());
    assertThat(kustomization.path("resources")).isNotEmpty();
    kustomization.path("resources").forEach(r -> assertThat(K8S.resolve("base").resolve(r.asText())).isRegularFile());
  }

  @Test
  void thePipelineTemplateIsWhatFlinkResourcesGenerates() throws Exception {
    JsonNode template = CrdSchemas.YAML.readTree(K8S.resolve("templates/pipeline-flinkdeployment.yaml").toFile());
    ObjectNode generated = (ObjectNode) json(new FlinkResources(application(Map.of()))
        .build("ingest-support", spec(), PIPELINE, false));
    // the pipeline travels as base64 of its text; the template shows a placeholder there
    ((com.fasterxml.jackson.databind.node.ArrayNode) generated.path("spec").path("job").path("args"))
        .set(1, template.path("spec").path("job").path("args").get(1));

    assertThat(generated).isEqualTo(template);
  }

  private static List<Path> manifests() throws Exception {
    try (Stream<Path> files = Files.walk(K8S)) {
      return files.filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml")).sorted().toList();
    }
  }
}
