package dev.ingest.sources.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.ingest.sources.fetch.EndpointException;
import dev.ingest.sources.fetch.ErrorClass;
import dev.ingest.sources.http.ApiRequest;
import dev.ingest.sources.http.ApiResponse;
import dev.ingest.sources.http.HttpTransport;
import dev.ingest.sources.ratelimit.RateHeaders;
import dev.ingest.sources.ratelimit.RateLimiter;
import dev.ingest.sources.ratelimit.RateSignal;
import dev.ingest.sources.records.JsonBodies;
import dev.ingest.sources.records.RecordSelector;
import dev.ingest.sources.retry.BodyClassifier;
import dev.ingest.sources.retry.ResponseClassifier;
import dev.ingest.sources.retry.ResponseClassifier.Verdict;
import dev.ingest.sources.retry.ResponseRules;
import dev.ingest.sources.retry.ResponseRules.Ruling;
import dev.ingest.sources.retry.RetryAfter;
import dev.ingest.sources.retry.TransportFailures;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The attempt step of {@link RequestExecutor}: sends a request once and judges what came back. It authenticates
 * (a fresh credential on every attempt), sends, lets the rate limiter observe the response's headers, classifies
 * the status and then the body (2xx must be JSON and not a 200-error), and counts the attempt, its bytes and rate
 * limits in the {@link PendingRequest}. Failures that would come out the same on every attempt (4xx, refused
 * certificates and addresses, unparsable bodies) are thrown at once; one AUTH_FAILED response first asks the
 * authenticator to refresh. Waiting is not its job: see {@link RetryDelay}.
 */
final class RequestAttempt {
  private final HttpTransport transport;
  private final ResponseClassifier classifier;
  private final ResponseRules rules;
  private final RateLimiter limiter;
  private final Clock clock;

  RequestAttempt(HttpTransport transport, ResponseClassifier classifier, ResponseRules rules, RateLimiter limiter,
      Clock clock) {
    this.transport = transport;
    this.classifier = classifier;
    this.rules = rules;
    this.limiter = limiter;
    this.clock = clock;
  }

  /** A 2xx response's verdict after its body was read, with the parsed body or why it could not be parsed. */
  private record Judged(Verdict verdict, Parsed parsed, String parseProblem, Ruling ruling) {
    Judged(Verdict verdict, Parsed parsed, String parseProblem) {
      this(verdict, parsed, parseProblem, null);
    }
  }

  /** A parsed 2xx body: the tree (the envelope when split) and the records split from its bytes, or null. */
  private record Parsed(JsonNode body, RecordSelector.Split split) {
    static Parsed of(byte[] body, RecordSelector splitBy) throws IOException {
      if (splitBy == null) {
        return new Parsed(JsonBodies.parse(body), null);
      }
      RecordSelector.Split split = splitBy.split(body);
      return new Parsed(split.envelope(), split);
    }
  }

  /**
   * Sends {@code pending}'s request once.
   *
   * @throws EndpointException when the endpoint cannot go on whatever the number of attempts
   */
  AttemptOutcome send(PendingRequest pending) throws EndpointException, InterruptedException {
    pending.attempts++;
    ApiResponse response;
    try {
      ApiRequest authenticated = pending.authenticator.apply(pending.request);
      pending.redactor = pending.redactor.with(pending.authenticator.secretValues()); // tokens obtained since open
      response = transport.send(authenticated);
    } catch (IOException e) {
      return transportFailure(pending, e);
    }
    return outcome(pending, response);
  }

  private AttemptOutcome outcome(PendingRequest pending, ApiResponse response)
      throws EndpointException, InterruptedException {
    pending.bytes += response.wireBytes();
    pending.decodedBytes += response.body().length;
    RateSignal signal = RateHeaders.read(response.headers(), clock);
    limiter.observe(signal);
    Judged judged = judge(response, pending);
    Verdict verdict = judged.verdict();
    pending.throttled += verdict.throttled() ? 1 : 0;
    if (verdict.kind() == Verdict.Kind.SUCCESS) {
      return new AttemptOutcome.Success(
          new Exchange(response, judged.parsed().body(), pending.stats(), judged.parsed().split()));
    }
    Ruling ruling = judged.ruling();
    String message = ruling != null && ruling.message() != null && !ruling.message().isEmpty()
        ? RequestMessages.describe(pending.request, pending.redactor) + ": HTTP " + response.status() + ": "
            + pending.redactor.mask(ruling.message())
        : judged.parseProblem() != null
        ? RequestMessages.describe(pending.request, pending.redactor) + ": HTTP " + response.status()
            + " body is not valid JSON (" + judged.parseProblem() + ")"
        : RequestMessages.describe(pending.request, response, pending.redactor);
    if (verdict.kind() == Verdict.Kind.FAIL) {
      if (verdict.errorClass() == ErrorClass.AUTH_FAILED && !pending.refreshed) {
        pending.refreshed = true;
        if (pending.authenticator.refreshAfterRejection()) {
          return new AttemptOutcome.Refreshed();
        }
      }
      throw new EndpointException(verdict.errorClass(), response.status(), message, null, pending.stats());
    }
    if (ruling != null && ruling.delay().isPresent()) { // the connector's backoff replaces the server's and ours
      boolean credentialWide = verdict.errorClass() == ErrorClass.RATE_LIMITED;
      return new AttemptOutcome.Retry(verdict.errorClass(), response.status(), message, null,
          credentialWide ? ruling.delay() : Optional.empty(), credentialWide ? Optional.empty() : ruling.delay());
    }
    return new AttemptOutcome.Retry(verdict.errorClass(), response.status(), message, null,
        serverWait(response, signal, verdict));
  }

  /**
   * The status's verdict; for a 2xx, the body's: a body cut short (empty, JSON that ends early) is
   * MALFORMED_RESPONSE and retried, any other unparsable body (HTML, NaN, duplicate keys, size or nesting limits)
   * fails at once.
   */
  private Judged judge(ApiResponse response, PendingRequest pending) {
    Optional<Ruling> ruling = rules.judge(response, pending.attempts);
    if (ruling.isPresent()) {
      return ruled(ruling.get(), response, pending.splitBy);
    }
    Verdict verdict = classifier.classify(response);
    if (verdict.kind() != Verdict.Kind.SUCCESS) {
      return new Judged(verdict, null, null);
    }
    try {
      Parsed parsed = Parsed.of(response.body(), pending.splitBy);
      return new Judged(BodyClassifier.classify(parsed.body()), parsed, null);
    } catch (IOException e) {
      Verdict malformed = JsonBodies.cutShort(e) ? Verdict.retry(ErrorClass.MALFORMED_RESPONSE, false)
          : Verdict.fail(ErrorClass.MALFORMED_RESPONSE, false);
      return new Judged(malformed, null, RequestMessages.parserMessage(e, pending.redactor));
    }
  }

  /** A response the connector's rules judged; one they accept is parsed as far as it parses (else JSON null). */
  private static Judged ruled(Ruling ruling, ApiResponse response, RecordSelector splitBy) {
    if (ruling.verdict().kind() != Verdict.Kind.SUCCESS) {
      return new Judged(ruling.verdict(), null, null, ruling);
    }
    Parsed parsed;
    try {
      parsed = response.body().length == 0 ? null : Parsed.of(response.body(), splitBy);
    } catch (IOException e) {
      parsed = null;
    }
    return new Judged(ruling.verdict(), parsed == null ? new Parsed(NullNode.getInstance(), null) : parsed, null,
        ruling);
  }

  /** Timeouts and resets may be retried; refused certificates and addresses fail at once. */
  private static AttemptOutcome transportFailure(PendingRequest pending, IOException e) throws EndpointException {
    String request = RequestMessages.describe(pending.request, pending.redactor);
    Optional<TransportFailures.Permanent> permanent = TransportFailures.permanent(e);
    if (permanent.isPresent()) {
      throw new EndpointException(permanent.get().errorClass(), 0, request + ": "
          + pending.redactor.mask(permanent.get().reason()), e, pending.stats());
    }
    return new AttemptOutcome.Retry(ErrorClass.NETWORK, 0, request + ": " + e.getClass().getSimpleName()
        + (e.getMessage() == null ? "" : ": " + pending.redactor.mask(e.getMessage())), e, Optional.empty());
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
}
