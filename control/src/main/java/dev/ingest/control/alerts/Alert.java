package dev.ingest.control.alerts;

import java.time.Instant;
import java.util.Objects;

/**
 * One alert, already free of secrets (its texts went through the pipeline's redactor).
 *
 * @param kind what happened
 * @param pipeline the pipeline's name
 * @param key what makes it unique for the pipeline: the same key is never alerted twice
 * @param runId the failed run, null for a stale alert
 * @param endpoint the first failed endpoint, null for a stale alert
 * @param errorClass the failure's class (AUTH_FAILED, HTTP_5XX, ...), null for a stale alert
 * @param message what went wrong, in a sentence
 * @param credential the name (never the value) of the rejected secret, null unless an auth failure
 * @param at when the alert was raised
 */
public record Alert(AlertKind kind, String pipeline, String key, String runId, String endpoint, String errorClass,
    String message, String credential, Instant at) {

  public Alert {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(pipeline, "pipeline");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(at, "at");
  }

  /** One line: {@code support: run failed (run r-1, endpoint tickets, HTTP_5XX): the message}. */
  public String summary() {
    StringBuilder s = new StringBuilder(pipeline).append(": ").append(kind.title());
    if (runId != null) {
      s.append(" (run ").append(runId);
      if (endpoint != null) {
        s.append(", endpoint ").append(endpoint);
      }
      if (errorClass != null) {
        s.append(", ").append(errorClass);
      }
      s.append(')');
    }
    return s.append(": ").append(message).toString();
  }
}
