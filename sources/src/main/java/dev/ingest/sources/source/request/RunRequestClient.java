package dev.ingest.sources.source.request;

import java.io.IOException;
import java.util.List;

/**
 * Asks the control plane for the run requests of one pipeline newer than the job has accepted, reporting where the
 * job stands. Implementations bound every wait; a control plane that is down is an {@link IOException}, which the
 * caller logs and retries at its next poll, never a reason to fail the job.
 */
public interface RunRequestClient {

  /**
   * The ids of the requests above {@code mark.acceptedThrough()}, ascending; {@code mark} is reported too, so the
   * control plane can show which run each request got.
   */
  List<Long> poll(RunRequestMark mark) throws IOException, InterruptedException;
}
