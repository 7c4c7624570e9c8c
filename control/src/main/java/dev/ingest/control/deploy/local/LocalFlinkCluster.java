package dev.ingest.control.deploy.local;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.configuration.WebOptions;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;

/**
 * A Flink cluster inside this process (one job manager, one task manager) with Flink's REST API and web UI on
 * loopback: the embedded default that {@code ./ingest up} runs next to the control API. Jobs run on the
 * control plane's classpath, so no jar is shipped.
 *
 * <p>The web UI is for looking, not a side door around the control plane: jar upload and run are off
 * ({@code web.submit.enable=false}: Flink then does not register the {@code /jars} routes at all), and the UI's
 * cancel and rescale buttons are hidden ({@code web.cancel.enable}, {@code web.rescale.enable}). Flink still
 * answers a REST {@code PATCH /jobs/:id?mode=cancel}, so the REST API binds to loopback only; exposing it is
 * described in docs/operations.md (a reverse proxy that lets GET through, behind authentication).
 */
public final class LocalFlinkCluster implements AutoCloseable {
  /** How long cluster calls may take before they fail. */
  static final Duration TIMEOUT = Duration.ofMinutes(2);

  private final MiniCluster cluster;
  private final int slots;

  private LocalFlinkCluster(MiniCluster cluster, int slots) {
    this.cluster = cluster;
    this.slots = slots;
  }

  /**
   * Starts a cluster.
   *
   * @param restPort the REST API and web UI port (0 = any free port)
   * @param slots task slots (how many pipeline subtasks can run at once)
   * @param extra further Flink configuration
   */
  public static LocalFlinkCluster start(int restPort, int slots, Configuration extra) throws Exception {
    Configuration conf = new Configuration();
    conf.set(RestOptions.BIND_ADDRESS, "127.0.0.1");
    conf.set(RestOptions.ADDRESS, "127.0.0.1");
    conf.set(RestOptions.PORT, restPort);
    conf.set(TaskManagerOptions.NUM_TASK_SLOTS, slots);
    conf.set(WebOptions.SUBMIT_ENABLE, false);
    conf.set(WebOptions.CANCEL_ENABLE, false);
    conf.set(WebOptions.RESCALE_ENABLE, false);
    // Jobs run on the control plane's own classpath (no jar is shipped): as in LocalPipelineRunner, Iceberg's
    // statically cached AWS clients remember the class loader of the task that created them, and Flink's leak check
    // would close it under them at the job's end ("Trying to access closed classloader" in the next S3 call).
    conf.set(org.apache.flink.configuration.CoreOptions.CHECK_LEAKED_CLASSLOADER, false);
    conf.addAll(extra);
    MiniCluster cluster = new MiniCluster(new MiniClusterConfiguration.Builder()
        .setConfiguration(conf).setNumTaskManagers(1).setNumSlotsPerTaskManager(slots).build());
    cluster.start();
    return new LocalFlinkCluster(cluster, slots);
  }

  /** The task slots the cluster was started with: the slot budget of the pipelines deployed on it. */
  public int slots() {
    return slots;
  }

  /** The REST API and web UI address, e.g. {@code http://127.0.0.1:8081}. */
  public URI webUrl() throws Exception {
    return cluster.getRestAddress().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
  }

  MiniCluster miniCluster() {
    return cluster;
  }

  @Override
  public void close() throws Exception {
    cluster.close();
  }
}
