package dev.ingest.sources.runtime;

import dev.ingest.sources.fetch.EndpointException;
import dev.ingest.sources.fetch.ErrorClass;
import dev.ingest.sources.fetch.FetchStats;
import java.time.Duration;
import java.util.Optional;

/**
 * What one attempt of a request came to, short of a failure that ends the endpoint at once (which
 * {@link RequestAttempt} throws): a response to return, a failure that may be retried after a wait, or a credential
 * refreshed after a rejection, to be sent again at once.
 */
sealed interface AttemptOutcome {

  /** A JSON 2xx response. */
  record Success(Exchange exchange) implements AttemptOutcome {}

  /**
   * A failed attempt that may be retried.
   *
   * @param status the HTTP status, or 0 when no response came
   * @param message the redacted description of the failure
   * @param cause the I/O failure, or null for a response
   * @param serverWait how long the server asked the credential to wait (Retry-After, exhausted quota), if it did
   * @param ownWait how long the connector's {@code ResponseRules} wait before this retry (this request only), if
   *     they say; replaces the policy's backoff
   */
  record Retry(ErrorClass errorClass, int status, String message, Throwable cause, Optional<Duration> serverWait,
      Optional<Duration> ownWait) implements AttemptOutcome {

    Retry(ErrorClass errorClass, int status, String message, Throwable cause, Optional<Duration> serverWait) {
      this(errorClass, status, message, cause, serverWait, Optional.empty());
    }

    /** The endpoint's failure when this attempt is the last one; {@code how} says why it was. */
    EndpointException giveUp(String how, FetchStats stats) {
      return new EndpointException(errorClass, status, message + " (gave up " + how + ")", cause, stats);
    }
  }

  /** The authenticator refreshed the credential after an AUTH_FAILED response: attempt again without a wait. */
  record Refreshed() implements AttemptOutcome {}
}
