package dev.ingest.jobs.spec;

import dev.ingest.sources.http.ApacheHttpTransport;
import dev.ingest.sources.retry.RetryPolicy;
import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;

/**
 * Flink and HTTP settings of a pipeline's job.
 *
 * @param parallelism source, parse and write parallelism
 * @param checkpointInterval how often the job checkpoints; data becomes visible in the tables at each checkpoint
 * @param retry how the HTTP runtime retries one request ({@link RetryPolicy#defaults()} unless the pipeline says)
 * @param requestTimeout how long one HTTP request may take before it fails as a (retried) network error
 * @param stateBackend the state backend the pipeline asks for ({@code runtime.state_backend}); null when it names
 *     none and the installation's default applies ({@code $INGEST_HOME/config.yaml}, the cluster's setting)
 */
public record RuntimeOptions(int parallelism, Duration checkpointInterval, RetryPolicy retry, Duration requestTimeout,
    StateBackend stateBackend) implements Serializable {
  public static final RuntimeOptions DEFAULTS = new RuntimeOptions(2, Duration.ofSeconds(10));

  public RuntimeOptions {
    Objects.requireNonNull(checkpointInterval, "checkpointInterval");
    Objects.requireNonNull(retry, "retry");
    Objects.requireNonNull(requestTimeout, "requestTimeout");
  }

  /** The given settings with the installation's default state backend. */
  public RuntimeOptions(int parallelism, Duration checkpointInterval, RetryPolicy retry, Duration requestTimeout) {
    this(parallelism, checkpointInterval, retry, requestTimeout, null);
  }

  /** The given Flink settings with the default retry policy and request timeout. */
  public RuntimeOptions(int parallelism, Duration checkpointInterval) {
    this(parallelism, checkpointInterval, RetryPolicy.defaults(), ApacheHttpTransport.DEFAULT_REQUEST_TIMEOUT);
  }

  /** These settings with the pipeline asking for {@code backend} (null: the installation's default). */
  public RuntimeOptions withStateBackend(StateBackend backend) {
    return new RuntimeOptions(parallelism, checkpointInterval, retry, requestTimeout, backend);
  }

  /** Whether the request timeout is the runtime's default (the JVM-wide shared HTTP client can be used). */
  public boolean defaultRequestTimeout() {
    return requestTimeout.equals(ApacheHttpTransport.DEFAULT_REQUEST_TIMEOUT);
  }
}
