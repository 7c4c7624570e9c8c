package dev.ingest.control.deployers;

import dev.ingest.control.deploy.Deployer;
import dev.ingest.control.deploy.kubernetes.KubernetesDeployer;
import dev.ingest.control.deploy.local.LocalDeployer;
import dev.ingest.control.deploy.local.LocalFlinkCluster;
import dev.ingest.control.deploy.localrun.LocalRunDeployer;
import dev.ingest.control.deploy.session.SessionClusterDeployer;
import dev.ingest.jobs.IngestHome;
import dev.ingest.sources.secret.SecretStoreProvider;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.net.URI;
import java.time.Clock;
import java.util.Optional;
import org.apache.flink.configuration.Configuration;

/**
 * The deployer {@link DeployerSettings} select, with what it runs on (the local Flink cluster, the Kubernetes
 * client), opened together and closed together.
 *
 * @param deployer the deployer the control API drives
 * @param description one line for the operator: which deployer and where
 * @param flinkUi the Flink web UI, when there is one this process knows
 * @param diesWithProcess whether its jobs stop when this process exits (the local cluster): then the control
 *     plane stops them with a savepoint on shutdown and resumes them on the next start
 * @param resource what to close after the deployer (the local cluster, the Kubernetes client), or null
 */
public record OpenDeployer(Deployer deployer, String description, Optional<URI> flinkUi, boolean diesWithProcess,
    AutoCloseable resource) implements AutoCloseable {

  /** Opens the configured deployer: starts the local Flink cluster, connects the Kubernetes client, … */
  public static OpenDeployer open(DeployerSettings settings, IngestHome home, SecretStoreProvider secrets,
      Clock clock) throws Exception {
    return switch (settings.type()) {
      case LOCAL -> {
        LocalFlinkCluster cluster = LocalFlinkCluster.start(settings.webPort(), settings.slots(), new Configuration());
        try {
          URI ui = cluster.webUrl();
          yield new OpenDeployer(new LocalDeployer(cluster, home, secrets)
              .pollingRunRequestsEvery(settings.runRequestPoll()),
              "local (a Flink cluster in this process, " + settings.slots() + " slots)", Optional.of(ui), true,
              cluster);
        } catch (Exception e) {
          cluster.close();
          throw e;
        }
      }
      case SESSION -> {
        SessionClusterDeployer.Settings session = settings.session();
        yield new OpenDeployer(new SessionClusterDeployer(session, home),
            "session (Flink session cluster at " + session.restUrl() + ", job jar " + session.jobJar() + ")",
            Optional.of(session.restUrl()), false, null);
      }
      case KUBERNETES -> {
        var k8s = settings.kubernetes();
        KubernetesClient client = new KubernetesClientBuilder().build();
        yield new OpenDeployer(new KubernetesDeployer(client, k8s, home, clock),
            "kubernetes (" + k8s.mode().name().toLowerCase(java.util.Locale.ROOT) + " mode, namespace "
                + k8s.namespace() + ", Flink Kubernetes Operator)", Optional.empty(), false, client);
      }
      case LOCAL_RUNS -> {
        LocalRunDeployer runs = new LocalRunDeployer(home, secrets, clock);
        yield new OpenDeployer(runs, "local-runs (each run a bounded job on a MiniCluster in this process; "
            + "no Flink UI)", Optional.empty(), false, runs);
      }
    };
  }

  @Override
  public void close() throws Exception {
    if (resource != null) {
      resource.close();
    }
  }
}
