package dev.ingest.sources.retry;

import dev.ingest.sources.http.ApiResponse;
import dev.ingest.sources.retry.ResponseClassifier.Verdict;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A connector's own reading of responses, consulted before the status classification of
 * {@link ResponseClassifier} (Airbyte manifests' error handlers). A {@link Ruling} replaces the classifier's verdict:
 * {@code SUCCESS} accepts the response as it is (even a non-2xx: the caller decides what an accepted error yields),
 * {@code RETRY} retries it (after the ruling's wait, if it names one, else the policy's backoff), {@code FAIL} ends
 * the request. Attempts and the total budget of the {@link RetryPolicy} still bound every retry.
 */
public interface ResponseRules {
  /** No rules: every response is classified by status. */
  ResponseRules NONE = (response, attempt) -> Optional.empty();

  /**
   * The ruling on {@code response}, or empty to classify it by status.
   *
   * @param attempt the attempt that got the response (1 for the first)
   */
  Optional<Ruling> judge(ApiResponse response, int attempt);

  /**
   * What to do with one response.
   *
   * @param verdict success (accept), retry or fail, with the error class the request would end in
   * @param message what to say instead of the response's own description (redacted by the caller), or null
   * @param delay how long to wait before the retry, when the rules say; else the server's or the policy's
   */
  record Ruling(Verdict verdict, String message, Optional<Duration> delay) {
    public Ruling {
      Objects.requireNonNull(verdict, "verdict");
      Objects.requireNonNull(delay, "delay");
    }
  }
}
