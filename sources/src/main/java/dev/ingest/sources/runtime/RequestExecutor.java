package dev.ingest.sources.runtime;

import dev.ingest.sources.auth.Authenticator;
import dev.ingest.sources.fetch.EndpointException;
import dev.ingest.sources.http.ApiRequest;
import dev.ingest.sources.http.HttpTransport;
import dev.ingest.sources.http.Redactor;
import dev.ingest.sources.ratelimit.RateLimiter;
import dev.ingest.sources.records.RecordSelector;
import dev.ingest.sources.retry.ResponseClassifier;
import dev.ingest.sources.retry.ResponseRules;
import dev.ingest.sources.retry.RetryPolicy;
import dev.ingest.sources.retry.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Sends one request until it yields a JSON 2xx response or the endpoint must give up: the
 * reserve → authenticate → send → adapt → classify → retry loop, written once, as a delay step
 * ({@link RetryDelay}: steps 1 and 7) around an attempt step ({@link RequestAttempt}: steps 2 to 6).
 *
 * <pre>
 *   1. limiter.reserve()          wait (through the Sleeper) for the credential's next permit
 *   2. authenticator.apply()      fresh credential on every attempt (an OAuth refresh takes effect)
 *   3. transport.send()           I/O failures (timeouts, resets) are NETWORK, retried; refused certificates
 *                                 (TLS) and addresses the network policy refuses (ADDRESS_REFUSED) fail at once
 *   4. limiter.observe(headers)   rate-limit headers tighten the shared budget before a 429 happens
 *   5. classify status, then body 2xx: must be JSON and not a 200-error; a body cut short (empty, JSON that
 *                                 ends early) is MALFORMED_RESPONSE and retried, any other unparsable body
 *                                 (HTML, NaN, duplicate keys, size or nesting limits) fails at once: it would
 *                                 come out the same on every attempt
 *   6. AUTH_FAILED                one authenticator refresh, then fail; never a retry storm
 *   7. retry wait                 Retry-After, else the rate-limit reset of an exhausted quota (both become a
 *                                 pause of the whole credential), else exponential backoff with jitter; bounded by
 *                                 attempts and by the policy's total time budget
 * </pre>
 * Every message is redacted.
 */
public final class RequestExecutor {
  private final RequestAttempt attempt;
  private final RetryDelay delay;
  private final Clock clock;
  private final Redactor redactor;
  private final Duration budget;

  public RequestExecutor(HttpTransport transport, RetryPolicy policy, RateLimiter limiter, Sleeper sleeper, Clock clock,
      DoubleSupplier random, Redactor redactor) {
    this(transport, policy, ResponseRules.NONE, limiter, sleeper, clock, random, redactor);
  }

  /** As above, with a connector's {@link ResponseRules} judging responses before the status classification. */
  public RequestExecutor(HttpTransport transport, RetryPolicy policy, ResponseRules rules, RateLimiter limiter,
      Sleeper sleeper, Clock clock, DoubleSupplier random, Redactor redactor) {
    this.attempt = new RequestAttempt(transport, new ResponseClassifier(policy), rules, limiter, clock);
    this.delay = new RetryDelay(policy, limiter, sleeper, clock, random);
    this.clock = clock;
    this.redactor = redactor;
    this.budget = policy.totalBudget();
  }

  /** The retry policy's total budget: no new attempt starts after it, waits included. */
  public Duration budget() {
    return budget;
  }

  /**
   * Sends {@code request} until it yields a JSON 2xx response.
   *
   * @throws EndpointException when the endpoint must give up (at once, or when retries run out)
   */
  public Exchange execute(ApiRequest request, Authenticator authenticator)
      throws EndpointException, InterruptedException {
    return execute(request, authenticator, null);
  }

  /**
   * As {@link #execute(ApiRequest, Authenticator)}, splitting the 2xx body into its records and the envelope in one
   * streaming pass ({@link RecordSelector#split}; {@link Exchange#split()}) instead of parsing it into a tree.
   *
   * @param splitBy the endpoint's records selector, or null to parse the whole body into a tree
   */
  public Exchange execute(ApiRequest request, Authenticator authenticator, RecordSelector splitBy)
      throws EndpointException, InterruptedException {
    PendingRequest pending = new PendingRequest(request, authenticator, splitBy, redactor, clock.millis());
    while (true) {
      delay.awaitPermit(pending);
      AttemptOutcome outcome = attempt.send(pending);
      if (outcome instanceof AttemptOutcome.Success success) {
        return success.exchange();
      }
      if (outcome instanceof AttemptOutcome.Retry failure) {
        delay.beforeRetry(failure, pending);
      }
    }
  }
}
