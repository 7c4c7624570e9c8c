package dev.ingest.control.deploy.session;

import java.util.concurrent.CountDownLatch;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;

/**
 * The main class of {@link FlinkOnlyCluster}'s process: a Flink cluster with its REST API on loopback, on a
 * classpath of Flink and what the Flink distribution ships only. Prints {@code REST <url>} and runs until its
 * standard input closes. Uses nothing but Flink classes.
 */
public final class FlinkOnlyClusterMain {
  private FlinkOnlyClusterMain() {}

  public static void main(String[] args) throws Exception {
    Configuration conf = new Configuration();
    conf.set(RestOptions.BIND_ADDRESS, "127.0.0.1");
    conf.set(RestOptions.ADDRESS, "127.0.0.1");
    conf.set(RestOptions.PORT, 0);
    conf.set(RestOptions.SERVER_MAX_CONTENT_LENGTH, (int) MemorySize.parse(args[1]).getBytes());
    conf.set(TaskManagerOptions.NUM_TASK_SLOTS, Integer.parseInt(args[0]));
    try (MiniCluster cluster = new MiniCluster(new MiniClusterConfiguration.Builder().setConfiguration(conf)
        .setNumTaskManagers(1).setNumSlotsPerTaskManager(Integer.parseInt(args[0])).build())) {
      cluster.start();
      System.out.println("REST " + cluster.getRestAddress().get());
      System.out.flush();
      CountDownLatch stdinClosed = new CountDownLatch(1);
      Thread reader = new Thread(() -> {
        try {
          while (System.in.read() >= 0) {
            // wait for the parent to close the pipe
          }
        } catch (java.io.IOException e) {
          // the parent is gone
        }
        stdinClosed.countDown();
      });
      reader.setDaemon(true);
      reader.start();
      stdinClosed.await();
    }
  }
}
