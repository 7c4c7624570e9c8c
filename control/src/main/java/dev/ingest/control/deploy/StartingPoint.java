package dev.ingest.control.deploy;

import dev.ingest.control.model.Deployment;
import dev.ingest.control.model.DeploymentStatus.State;
import java.time.Duration;
import java.util.Optional;

/**
 * Where a deploy over an existing deployment starts from, for deployers that submit jobs themselves (local,
 * session): a job that is still starting is waited for (submitting next to it would run the pipeline twice), a
 * running job is stopped with a savepoint and the new job starts from it, a stopped one starts from the savepoint
 * its handle carries (a pause, a control-plane shutdown).
 */
public final class StartingPoint {
  private StartingPoint() {}

  /** The savepoint to start from, empty for a fresh start; {@code current} may be null (first deploy). */
  public static Optional<String> of(Deployer deployer, Deployment current, Duration poll, Duration timeout)
      throws DeployException {
    if (current == null) {
      return Optional.empty();
    }
    State state;
    try {
      state = Poll.until(() -> Optional.of(deployer.status(current).state()).filter(s -> s != State.DEPLOYING),
          poll, timeout, "the start of pipeline '" + current.pipeline() + "' (job " + current.id() + ")");
    } catch (DeployException e) {
      throw e;
    } catch (Exception e) {
      throw new DeployException("cannot upgrade pipeline '" + current.pipeline() + "': " + e.getMessage(), e);
    }
    if (state == State.RUNNING) {
      return Optional.ofNullable(deployer.pause(current).savepoint());
    }
    return Optional.ofNullable(current.savepoint());
  }
}
