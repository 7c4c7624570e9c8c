package dev.ingest.control.deploy.kubernetes;

import dev.ingest.jobs.IngestJob;
import dev.ingest.jobs.spec.PipelineSpec;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the Flink Kubernetes Operator custom resources of a pipeline: a {@code FlinkDeployment} in application
 * mode or a {@code FlinkSessionJob} on a session cluster (API {@code flink.apache.org/v1beta1}). Jobs upgrade with
 * {@code upgradeMode: savepoint}: when the spec changes, the operator stops the job with a savepoint and starts
 * the new spec from it. Application clusters get RocksDB with incremental checkpoints, Kubernetes HA and the
 * autoscaler; see k8s/README.md.
 */
public final class FlinkResources {
  public static final String API_VERSION = "flink.apache.org/v1beta1";
  public static final ResourceDefinitionContext DEPLOYMENTS = context("FlinkDeployment", "flinkdeployments");
  public static final ResourceDefinitionContext SESSION_JOBS = context("FlinkSessionJob", "flinksessionjobs");
  public static final String PIPELINE_LABEL = "ingest.dev/pipeline";
  static final String FLINK_VERSION = "v2_1";

  private final KubernetesSettings settings;

  public FlinkResources(KubernetesSettings settings) {
    this.settings = settings;
  }

  /** The context of the kind this mode uses. */
  public ResourceDefinitionContext context() {
    return settings.mode() == KubernetesSettings.Mode.APPLICATION ? DEPLOYMENTS : SESSION_JOBS;
  }

  /** The resource name of a pipeline: {@code ingest-<name>} with underscores as dashes (a DNS-1123 label). */
  public static String name(String pipeline) {
    return "ingest-" + pipeline.replace('_', '-');
  }

  /**
   * The resource running {@code yaml} (the validated {@code spec}'s text).
   *
   * @param name the resource name
   * @param once a bounded run ({@code --once}, stateless) instead of the scheduled job
   */
  public GenericKubernetesResource build(String name, PipelineSpec spec, String yaml, boolean once) {
    Map<String, Object> job = new LinkedHashMap<>();
    job.put("jarURI", settings.jarUri());
    job.put("entryClass", IngestJob.class.getName());
    job.put("args", List.of(IngestJob.arguments(yaml, once, null, spec.network(), false, settings.controlUrl())));
    job.put("parallelism", spec.runtime().parallelism());
    job.put("upgradeMode", once ? "stateless" : "savepoint");
    job.put("state", "running");
    job.put("allowNonRestoredState", true);

    Map<String, Object> body = new LinkedHashMap<>();
    if (settings.mode() == KubernetesSettings.Mode.APPLICATION) {
      body.put("image", settings.image());
      body.put("flinkVersion", FLINK_VERSION);
      if (settings.serviceAccount() != null) {
        body.put("serviceAccount", settings.serviceAccount());
      }
      body.put("flinkConfiguration", applicationConfiguration(name));
      body.put("jobManager", Map.of("resource", Map.of("memory", "1600m", "cpu", 0.5)));
      body.put("taskManager", Map.of("resource", Map.of("memory", "2048m", "cpu", 1.0)));
      if (!settings.environment().isEmpty()) {
        body.put("podTemplate", podTemplate());
      }
    } else {
      body.put("deploymentName", settings.sessionCluster());
      body.put("flinkConfiguration", jobConfiguration(name));
    }
    body.put("job", job);
    return new GenericKubernetesResourceBuilder()
        .withApiVersion(API_VERSION)
        .withKind(context().getKind())
        .withNewMetadata()
          .withName(name)
          .withNamespace(settings.namespace())
          .addToLabels(PIPELINE_LABEL, spec.name())
          .addToLabels("app.kubernetes.io/managed-by", "ingest")
        .endMetadata()
        .addToAdditionalProperties("spec", body)
        .build();
  }

  private Map<String, String> jobConfiguration(String name) {
    String state = settings.stateUri().replaceAll("/+$", "");
    Map<String, String> conf = new LinkedHashMap<>();
    conf.put("execution.checkpointing.dir", state + "/checkpoints/" + name);
    conf.put("execution.checkpointing.savepoint-dir", state + "/savepoints/" + name);
    conf.put("execution.checkpointing.incremental", "true");
    conf.put("execution.checkpointing.num-retained", "3");
    conf.put("execution.checkpointing.externalized-checkpoint-retention", "RETAIN_ON_CANCELLATION");
    return conf;
  }

  private Map<String, String> applicationConfiguration(String name) {
    String state = settings.stateUri().replaceAll("/+$", "");
    Map<String, String> conf = new LinkedHashMap<>(jobConfiguration(name));
    conf.put("state.backend.type", "rocksdb");
    conf.put("high-availability.type", "kubernetes");
    conf.put("high-availability.storageDir", state + "/ha/" + name);
    conf.put("restart-strategy.type", "exponential-delay");
    conf.put("restart-strategy.exponential-delay.initial-backoff", "1 s");
    conf.put("restart-strategy.exponential-delay.max-backoff", "5 min");
    conf.put("taskmanager.numberOfTaskSlots", "2");
    conf.put("job.autoscaler.enabled", "true");
    conf.put("job.autoscaler.stabilization.interval", "1m");
    conf.put("job.autoscaler.metrics.window", "5m");
    conf.put("job.autoscaler.target.utilization", "0.7");
    conf.put("job.autoscaler.scale-down.enabled", "true");
    conf.putAll(settings.flinkConfiguration());
    return conf;
  }

  private Map<String, Object> podTemplate() {
    List<Map<String, String>> env = new ArrayList<>();
    settings.environment().entrySet().stream().sorted(Map.Entry.comparingByKey())
        .forEach(e -> env.add(Map.of("name", e.getKey(), "value", e.getValue())));
    return Map.of("spec", Map.of("containers", List.of(Map.of("name", "flink-main-container", "env", env))));
  }

  private static ResourceDefinitionContext context(String kind, String plural) {
    return new ResourceDefinitionContext.Builder()
        .withGroup("flink.apache.org").withVersion("v1beta1").withKind(kind).withPlural(plural).withNamespaced(true)
        .build();
  }
}
