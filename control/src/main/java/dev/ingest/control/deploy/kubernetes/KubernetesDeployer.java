package dev.ingest.control.deploy.kubernetes;

import dev.ingest.control.deploy.DeployException;
import dev.ingest.control.deploy.Deployer;
import dev.ingest.control.model.Deployment;
import dev.ingest.control.model.DeploymentStatus;
import dev.ingest.control.model.DeploymentStatus.State;
import dev.ingest.control.deploy.FlinkWebUi;
import dev.ingest.control.model.PipelineDefinition;
import dev.ingest.control.deploy.PipelineValidator;
import dev.ingest.jobs.IngestHome;
import dev.ingest.jobs.spec.PipelineSpec;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import java.time.Clock;
import java.util.Map;

/**
 * Deploys pipelines as Flink Kubernetes Operator custom resources with the fabric8 client: creates or updates the
 * pipeline's {@code FlinkDeployment} (application mode) or {@code FlinkSessionJob} (session mode); the operator
 * does the rest. A changed pipeline updates the resource's spec, and the operator upgrades the job from a
 * savepoint ({@code upgradeMode: savepoint}); pause and resume set {@code job.state} to {@code suspended} and
 * {@code running}; status reads the operator's {@code status.lifecycleState}, {@code status.jobStatus} and
 * {@code status.error}.
 */
public final class KubernetesDeployer implements Deployer {
  public static final String TARGET = "kubernetes";

  private final KubernetesClient client;
  private final KubernetesSettings settings;
  private final FlinkResources resources;
  private final PipelineValidator validator;
  private final Clock clock;

  public KubernetesDeployer(KubernetesClient client, KubernetesSettings settings, IngestHome home, Clock clock) {
    this.client = client;
    this.settings = settings;
    this.resources = new FlinkResources(settings);
    this.validator = new PipelineValidator(home);
    this.clock = clock;
  }

  @Override
  public String target() {
    return TARGET;
  }

  @Override
  public Deployment deploy(PipelineDefinition pipeline, Deployment current) throws DeployException {
    PipelineSpec spec = validator.validate(pipeline);
    String name = FlinkResources.name(spec.name());
    GenericKubernetesResource desired = resources.build(name, spec, pipeline.yaml(), false);
    try {
      GenericKubernetesResource existing = resource(name).get();
      if (existing == null) {
        resources().resource(desired).create();
      } else {
        resource(name).edit(r -> {
          @SuppressWarnings("unchecked")
          Map<String, Object> job = (Map<String, Object>) ((Map<String, Object>) desired.get("spec")).get("job");
          job.put("state", jobState(r)); // a paused pipeline stays paused across an upgrade
          r.setAdditionalProperty("spec", desired.get("spec"));
          r.getMetadata().setLabels(desired.getMetadata().getLabels());
          return r;
        });
      }
    } catch (KubernetesClientException e) {
      throw failure("deploy", spec.name(), e);
    }
    return new Deployment(spec.name(), TARGET, name, null);
  }

  @Override
  public Deployment pause(Deployment deployment) throws DeployException {
    setJobState(deployment, "suspended", "pause");
    return deployment;
  }

  @Override
  public Deployment resume(Deployment deployment, PipelineDefinition pipeline) throws DeployException {
    validator.validate(pipeline);
    setJobState(deployment, "running", "resume");
    return deployment;
  }

  @Override
  public void delete(Deployment deployment) throws DeployException {
    try {
      resource(deployment.id()).delete();
    } catch (KubernetesClientException e) {
      throw failure("delete", deployment.pipeline(), e);
    }
  }

  @Override
  public DeploymentStatus status(Deployment deployment) throws DeployException {
    GenericKubernetesResource r;
    try {
      r = resource(deployment.id()).get();
    } catch (KubernetesClientException e) {
      throw failure("read the status of", deployment.pipeline(), e);
    }
    if (r == null) {
      return new DeploymentStatus(State.NOT_FOUND, "", "no " + resources.context().getKind() + " "
          + deployment.id() + " in namespace " + settings.namespace());
    }
    DeploymentStatus status = OperatorStatus.of(r);
    String jobId = OperatorStatus.jobId(r);
    String cluster = settings.mode() == KubernetesSettings.Mode.APPLICATION ? deployment.id() : settings.sessionCluster();
    return settings.webUi(cluster).filter(ui -> !jobId.isEmpty())
        .map(ui -> status.withJobUrl(FlinkWebUi.jobUrl(ui, jobId, !status.active())))
        .orElse(status);
  }

  @Override
  public Deployment runNow(PipelineDefinition pipeline) throws DeployException {
    PipelineSpec spec = validator.validate(pipeline);
    String name = FlinkResources.name(spec.name()) + "-run-" + clock.instant().getEpochSecond();
    try {
      resources().resource(resources.build(name, spec, pipeline.yaml(), true)).create();
    } catch (KubernetesClientException e) {
      throw failure("run", spec.name(), e);
    }
    return new Deployment(spec.name(), TARGET, name, null);
  }

  private void setJobState(Deployment deployment, String state, String action) throws DeployException {
    try {
      if (resource(deployment.id()).get() == null) {
        throw new DeployException("cannot " + action + " pipeline '" + deployment.pipeline() + "': no "
            + resources.context().getKind() + " " + deployment.id() + " in namespace " + settings.namespace());
      }
      resource(deployment.id()).edit(r -> {
        jobMap(r).put("state", state);
        return r;
      });
    } catch (KubernetesClientException e) {
      throw failure(action, deployment.pipeline(), e);
    }
  }

  private static String jobState(GenericKubernetesResource r) {
    Object state = jobMap(r).get("state");
    return state == null ? "running" : state.toString();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> jobMap(GenericKubernetesResource r) {
    return (Map<String, Object>) ((Map<String, Object>) r.get("spec")).get("job");
  }

  private NonNamespaceOperation<GenericKubernetesResource, GenericKubernetesResourceList,
      Resource<GenericKubernetesResource>> resources() {
    return client.genericKubernetesResources(resources.context()).inNamespace(settings.namespace());
  }

  private Resource<GenericKubernetesResource> resource(String name) {
    return resources().withName(name);
  }

  private DeployException failure(String action, String pipeline, KubernetesClientException e) {
    return new DeployException("cannot " + action + " pipeline '" + pipeline + "' in Kubernetes namespace "
        + settings.namespace() + ": HTTP " + e.getCode() + " " + e.getMessage(), e);
  }
}
