package dev.ingest.control.api;

import dev.ingest.jobs.spec.PipelineSpec;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** An in-memory {@link Deployer} that records what it was asked, for API tests; can be told to fail. */
final class FakeDeployer implements Deployer {
  final List<String> calls = new CopyOnWriteArrayList<>();
  final Map<String, PipelineSpec> deployed = new ConcurrentHashMap<>();
  final Map<String, DeploymentStatus.State> states = new ConcurrentHashMap<>();
  volatile boolean runInProgress;
  volatile String failWith;

  @Override
  public String deploy(PipelineSpec pipeline) {
    fail();
    String id = "fake-" + pipeline.name();
    calls.add("deploy " + pipeline.name());
    deployed.put(id, pipeline);
    states.put(id, DeploymentStatus.State.RUNNING);
    return id;
  }

  @Override
  public void pause(String deploymentId) {
    fail();
    calls.add("pause " + deploymentId);
    states.put(deploymentId, DeploymentStatus.State.PAUSED);
  }

  @Override
  public void resume(String deploymentId, PipelineSpec pipeline) {
    fail();
    calls.add("resume " + deploymentId);
    states.put(deploymentId, DeploymentStatus.State.RUNNING);
  }

  @Override
  public void runNow(String deploymentId) {
    fail();
    calls.add("run " + deploymentId);
  }

  @Override
  public void delete(String deploymentId) {
    fail();
    calls.add("delete " + deploymentId);
    deployed.remove(deploymentId);
    states.remove(deploymentId);
  }

  @Override
  public DeploymentStatus status(String deploymentId) {
    DeploymentStatus.State state = states.getOrDefault(deploymentId, DeploymentStatus.State.NOT_FOUND);
    return new DeploymentStatus(state, runInProgress, Optional.empty(),
        Optional.of("http://flink.test/#/job/" + deploymentId));
  }

  private void fail() {
    if (failWith != null) {
      throw new DeployerException(failWith);
    }
  }
}
