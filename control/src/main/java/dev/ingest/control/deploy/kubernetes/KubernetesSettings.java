package dev.ingest.control.deploy.kubernetes;

import java.util.Map;
import java.util.Objects;

/**
 * How pipelines run on Kubernetes under the Flink Kubernetes Operator.
 *
 * @param namespace where the custom resources go
 * @param mode {@code APPLICATION}: one FlinkDeployment per pipeline (its own job manager; isolation, per-pipeline
 *     autoscaling); {@code SESSION}: one FlinkSessionJob per pipeline on a shared session cluster
 * @param sessionCluster the session cluster's FlinkDeployment name (SESSION mode)
 * @param image the Ingest job image (Flink 2.1 with the Ingest job jar in {@code /opt/flink/usrlib})
 * @param jarUri the job jar: {@code local:///opt/flink/usrlib/ingest-job.jar} in the image, or an
 *     {@code https://}/{@code s3://} URI for session jobs
 * @param serviceAccount the job pods' service account (IAM role for Secrets Manager and S3)
 * @param stateUri the base URI of checkpoints, savepoints and HA data, e.g. {@code s3://bucket/ingest}
 * @param flinkConfiguration further Flink settings, applied last (e.g. {@code s3.endpoint})
 * @param environment environment of the job pods (e.g. {@code INGEST_SECRETS_TYPE=aws},
 *     {@code INGEST_SECRETS_REGION}); never secret values
 * @param webUi where the Flink web UI of a FlinkDeployment is served, with {@code {name}} for its name (the
 *     operator's {@code ingress.template}, e.g. {@code https://flink.acme.internal/ingest/{name}}), or null: then
 *     pipelines have no job link
 * @param controlUrl the control API as the job pods reach it ({@code --control-url}: jobs lease their credentials'
 *     rate budgets there), or null: each pod keeps its own budget
 */
public record KubernetesSettings(
    String namespace,
    Mode mode,
    String sessionCluster,
    String image,
    String jarUri,
    String serviceAccount,
    String stateUri,
    Map<String, String> flinkConfiguration,
    Map<String, String> environment,
    String webUi,
    java.net.URI controlUrl) {

  /** Application mode (a FlinkDeployment per pipeline) or session mode (a FlinkSessionJob per pipeline). */
  public enum Mode { APPLICATION, SESSION }

  public KubernetesSettings {
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(jarUri, "jarUri");
    Objects.requireNonNull(stateUri, "stateUri");
    if (mode == Mode.SESSION && (sessionCluster == null || sessionCluster.isBlank())) {
      throw new IllegalArgumentException("kubernetes.session_cluster: required in session mode");
    }
    if (mode == Mode.APPLICATION && (image == null || image.isBlank())) {
      throw new IllegalArgumentException("kubernetes.image: required in application mode");
    }
    flinkConfiguration = flinkConfiguration == null ? Map.of() : Map.copyOf(flinkConfiguration);
    environment = environment == null ? Map.of() : Map.copyOf(environment);
    if (webUi != null && !webUi.contains("{name}")) {
      throw new IllegalArgumentException("kubernetes.web_ui: needs {name} where the FlinkDeployment's name goes");
    }
  }

  /** Settings without a control URL. */
  public KubernetesSettings(String namespace, Mode mode, String sessionCluster, String image, String jarUri,
      String serviceAccount, String stateUri, Map<String, String> flinkConfiguration, Map<String, String> environment,
      String webUi) {
    this(namespace, mode, sessionCluster, image, jarUri, serviceAccount, stateUri, flinkConfiguration, environment,
        webUi, null);
  }

  /** Settings without a web UI link. */
  public KubernetesSettings(String namespace, Mode mode, String sessionCluster, String image, String jarUri,
      String serviceAccount, String stateUri, Map<String, String> flinkConfiguration, Map<String, String> environment) {
    this(namespace, mode, sessionCluster, image, jarUri, serviceAccount, stateUri, flinkConfiguration, environment,
        null);
  }

  /** The Flink web UI of the FlinkDeployment {@code deployment}, if configured. */
  public java.util.Optional<java.net.URI> webUi(String deployment) {
    return java.util.Optional.ofNullable(webUi).map(t -> java.net.URI.create(t.replace("{name}", deployment)));
  }
}
