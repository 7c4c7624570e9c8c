package dev.ingest.control.api;

import dev.ingest.control.deploy.DeployException;
import dev.ingest.control.deploy.Deployer;
import dev.ingest.control.model.Deployment;
import dev.ingest.control.model.DeploymentStatus;
import dev.ingest.control.model.DeploymentStatus.State;
import dev.ingest.control.model.PipelineDefinition;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An in-memory {@link Deployer} that records what it was asked, for API tests; its jobs' states can be set, and it
 * can be told to fail.
 */
final class FakeDeployer implements Deployer {
  static final String TARGET = "fake";
  final List<String> calls = new CopyOnWriteArrayList<>();
  final Map<String, PipelineDefinition> deployed = new ConcurrentHashMap<>();
  final Map<String, State> states = new ConcurrentHashMap<>();
  volatile String failWith;
  volatile String failureDetail = "";
  /** Whether its deployed jobs take run requests (as the local deployer's do once the API has started). */
  volatile boolean takesRunRequests = true;
  volatile java.net.URI controlUrl;
  /** Whether every run is its own bounded job (as the local-runs deployer's are). */
  volatile boolean runsEachRunAsAJob;

  @Override
  public String target() {
    return TARGET;
  }

  @Override
  public Deployment deploy(PipelineDefinition pipeline, Deployment current) throws DeployException {
    fail();
    String id = "fake-" + pipeline.name();
    calls.add("deploy " + pipeline.name() + (current == null ? "" : " from " + current.id()));
    deployed.put(id, pipeline);
    states.put(id, State.RUNNING);
    return new Deployment(pipeline.name(), TARGET, id, null);
  }

  @Override
  public Deployment pause(Deployment deployment) throws DeployException {
    fail();
    calls.add("pause " + deployment.id());
    states.put(deployment.id(), State.PAUSED);
    return deployment.withSavepoint("file:/savepoints/" + deployment.id());
  }

  @Override
  public Deployment resume(Deployment deployment, PipelineDefinition pipeline) throws DeployException {
    fail();
    calls.add("resume " + deployment.id() + " from " + deployment.savepoint());
    states.put(deployment.id(), State.RUNNING);
    return new Deployment(deployment.pipeline(), TARGET, deployment.id(), null);
  }

  @Override
  public void delete(Deployment deployment) throws DeployException {
    fail();
    calls.add("delete " + deployment.id());
    deployed.remove(deployment.id());
    states.remove(deployment.id());
  }

  /** The task slots it reports (empty: no budget). */
  volatile java.util.OptionalInt slots = java.util.OptionalInt.empty();
  /** The first-run flag of each deploy, in order. */
  final List<Boolean> firstRuns = new CopyOnWriteArrayList<>();

  @Override
  public Deployment deploy(PipelineDefinition pipeline, Deployment current, boolean firstRun) throws DeployException {
    firstRuns.add(firstRun);
    return deploy(pipeline, current);
  }

  @Override
  public boolean runsOnDeploy() {
    return true;
  }

  @Override
  public java.util.OptionalInt taskSlots() {
    return slots;
  }

  @Override
  public DeploymentStatus status(Deployment deployment) {
    State state = states.getOrDefault(deployment.id(), State.NOT_FOUND);
    return new DeploymentStatus(state, state.name(), state == State.FAILED ? failureDetail : "")
        .withJobUrl("http://flink.test/#/job/running/" + deployment.id() + "/overview");
  }

  @Override
  public Deployment runNow(PipelineDefinition pipeline) throws DeployException {
    fail();
    String id = "fake-" + pipeline.name() + "-run";
    calls.add("run fake-" + pipeline.name());
    states.put(id, State.RUNNING);
    return new Deployment(pipeline.name(), TARGET, id, null);
  }

  @Override
  public void controlApiStarted(java.net.URI url) {
    controlUrl = url;
  }

  @Override
  public boolean takesRunRequests() {
    return takesRunRequests;
  }

  @Override
  public boolean runsEachRunAsAJob() {
    return runsEachRunAsAJob;
  }

  private void fail() throws DeployException {
    if (failWith != null) {
      throw new DeployException(failWith);
    }
  }
}
