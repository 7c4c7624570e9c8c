package dev.ingest.sources.runtime;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.ingest.sources.auth.Authenticator;
import dev.ingest.sources.fetch.EndpointException;
import dev.ingest.sources.fetch.ErrorClass;
import dev.ingest.sources.fetch.FetchStats;
import dev.ingest.sources.http.ApiRequest;
import dev.ingest.sources.http.ApiResponse;
import dev.ingest.sources.http.HttpTransport;
import dev.ingest.sources.http.Redactor;
import dev.ingest.sources.ratelimit.RateHeaders;
import dev.ingest.sources.ratelimit.RateLimiter;
import dev.ingest.sources.ratelimit.RateSignal;
import dev.ingest.sources.records.JsonBodies;
import dev.ingest.sources.retry.BodyClassifier;
import dev.ingest.sources.retry.ResponseClassifier;
import dev.ingest.sources.retry.ResponseClassifier.Verdict;
import dev.ingest.sources.retry.RetryAfter;
import dev.ingest.sources.retry.RetryPolicy;
import dev.ingest.sources.retry.Sleeper;
import dev.ingest.sources.retry.TransportFailures;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.DoubleSupplier;

/**
 * Sends one request until it yields a JSON 2xx response or the endpoint must give up: the
 * reserve → authenticate → send → adapt → classify → retry loop, written once.
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
final class RequestExecutor {
  static final int EXCERPT_CHARS = 200;

  private final HttpTransport transport;
  private final RetryPolicy policy;
  private final ResponseClassifier classifier;
  private final RateLimiter limiter;
  private final Sleeper sleeper;
  private final Clock clock;
  private final DoubleSupplier random;
  private final Redactor redactor;

  RequestExecutor(HttpTransport transport, RetryPolicy policy, RateLimiter limiter, Sleeper sleeper, Clock clock,
      DoubleSupplier random, Redactor redactor) {
    this.transport = transport;
    this.policy = policy;
    this.classifier = new ResponseClassifier(policy);
    this.limiter = limiter;
    this.sleeper = sleeper;
    this.clock = clock;
    this.random = random;
    this.redactor = redactor;
  }

  /**
   * One failed attempt that may be retried.
   *
   * @param serverWait how long the server asked the credential to wait (Retry-After, exhausted quota), if it did
   */
  private record Failure(ErrorClass errorClass, int status, String message, Throwable cause,
      Optional<Duration> serverWait) {}

  /** What this request cost so far. */
  private static final class Cost {
    int attempts;
    int throttled;
    long bytes;
    long decodedBytes;
    long waited;

    FetchStats stats() {
      return new FetchStats(attempts, Math.max(0, attempts - 1), throttled, bytes, waited, decodedBytes);
    }
  }

  Exchange execute(ApiRequest request, Authenticator authenticator)
      throws EndpointException, InterruptedException {
    long start = clock.millis();
    Cost cost = new Cost();
    Redactor redactor = this.redactor;
    boolean refreshed = false;
    while (true) {
      wait(limiter.reserve(), cost);
      cost.attempts++;
      Failure failure;
      try {
        ApiRequest authenticated = authenticator.apply(request);
        redactor = redactor.with(authenticator.secretValues()); // tokens obtained since the fetcher opened
        ApiResponse response = transport.send(authenticated);
        cost.bytes += response.wireBytes();
        cost.decodedBytes += response.body().length;
        RateSignal signal = RateHeaders.read(response.headers(), clock);
        limiter.observe(signal);
        Verdict verdict = classifier.classify(response);
        JsonNode body = null;
        String parseProblem = null;
        if (verdict.kind() == Verdict.Kind.SUCCESS) {
          try {
            body = JsonBodies.parse(response.body());
            verdict = BodyClassifier.classify(body);
          } catch (IOException e) {
            parseProblem = parserMessage(e, redactor);
            verdict = JsonBodies.cutShort(e) ? Verdict.retry(ErrorClass.MALFORMED_RESPONSE, false)
                : Verdict.fail(ErrorClass.MALFORMED_RESPONSE, false);
          }
        }
        cost.throttled += verdict.throttled() ? 1 : 0;
        if (verdict.kind() == Verdict.Kind.SUCCESS) {
          return new Exchange(response, body, cost.stats());
        }
        String message = parseProblem != null
            ? describe(request, redactor) + ": HTTP " + response.status() + " body is not valid JSON (" + parseProblem
                + ")"
            : describe(request, response, redactor);
        if (verdict.kind() == Verdict.Kind.FAIL) {
          if (verdict.errorClass() == ErrorClass.AUTH_FAILED && !refreshed) {
            refreshed = true;
            if (authenticator.refreshAfterRejection()) {
              continue;
            }
          }
          throw new EndpointException(verdict.errorClass(), response.status(), message, null, cost.stats());
        }
        failure = new Failure(verdict.errorClass(), response.status(), message, null,
            serverWait(response, signal, verdict));
      } catch (IOException e) {
        Optional<TransportFailures.Permanent> permanent = TransportFailures.permanent(e);
        if (permanent.isPresent()) {
          throw new EndpointException(permanent.get().errorClass(), 0, describe(request, redactor) + ": "
              + redactor.mask(permanent.get().reason()), e, cost.stats());
        }
        failure = new Failure(ErrorClass.NETWORK, 0, describe(request, redactor) + ": " + e.getClass().getSimpleName()
            + (e.getMessage() == null ? "" : ": " + redactor.mask(e.getMessage())), e, Optional.empty());
      }
      if (cost.attempts >= policy.maxAttempts()) {
        throw giveUp(failure, "after " + cost.attempts + " attempts", cost.stats());
      }
      int retry = cost.attempts; // the retry about to happen is the attempts-th
      Duration delay = failure.serverWait().orElseGet(() -> policy.backoff(retry, random.getAsDouble()));
      long elapsed = clock.millis() - start;
      if (elapsed + delay.toMillis() > policy.totalBudget().toMillis()) {
        throw giveUp(failure, "after " + cost.attempts + " attempts: waiting " + delay.toMillis()
            + " ms more would exceed the retry budget of " + policy.totalBudget().toSeconds() + " s", cost.stats());
      }
      if (failure.serverWait().isPresent()) {
        limiter.pauseUntil(clock.instant().plus(delay)); // every fetcher of the credential waits, this one at reserve
      } else {
        wait(delay, cost);
      }
    }
  }

  private void wait(Duration delay, Cost cost) throws InterruptedException {
    if (!delay.isZero() && !delay.isNegative()) {
      sleeper.sleep(delay);
      cost.waited += delay.toMillis();
    }
  }

  /** Retry-After, or the reset of a quota the response says is exhausted; only for rate-limit verdicts. */
  private Optional<Duration> serverWait(ApiResponse response, RateSignal signal, Verdict verdict) {
    Optional<Duration> retryAfter = RetryAfter.parse(response.headers().first("Retry-After"), clock);
    if (retryAfter.isPresent() || verdict.errorClass() != ErrorClass.RATE_LIMITED) {
      return retryAfter;
    }
    if (signal.remaining().isPresent() && signal.remaining().getAsLong() == 0 && signal.resetAt().isPresent()) {
      Instant now = clock.instant();
      Instant reset = signal.resetAt().get();
      return Optional.of(reset.isAfter(now) ? Duration.between(now, reset) : Duration.ZERO);
    }
    return Optional.empty();
  }

  private static EndpointException giveUp(Failure failure, String how, FetchStats stats) {
    return new EndpointException(failure.errorClass(), failure.status(), failure.message() + " (gave up " + how
        + ")", failure.cause(), stats);
  }

  private static String describe(ApiRequest request, Redactor redactor) {
    return request.method() + " " + redactor.mask(request.redactedUrl());
  }

  private static String describe(ApiRequest request, ApiResponse response, Redactor redactor) {
    String excerpt = redactor.excerpt(response.body(), EXCERPT_CHARS);
    return describe(request, redactor) + ": HTTP " + response.status() + (excerpt.isEmpty() ? "" : ": " + excerpt);
  }

  private static String parserMessage(IOException e, Redactor redactor) {
    String message = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
    message = redactor.mask(String.valueOf(message)).replaceAll("\\s+", " ");
    return message.length() <= EXCERPT_CHARS ? message : message.substring(0, EXCERPT_CHARS - 1) + "…";
  }
}
