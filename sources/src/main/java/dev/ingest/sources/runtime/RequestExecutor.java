package dev.ingest.sources.runtime;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.ingest.sources.http.ApiRequest;
import dev.ingest.sources.http.ApiResponse;
import dev.ingest.sources.http.EndpointException;
import dev.ingest.sources.http.ErrorClass;
import dev.ingest.sources.http.FetchStats;
import dev.ingest.sources.http.HttpTransport;
import dev.ingest.sources.http.Redactor;
import dev.ingest.sources.records.JsonBodies;
import dev.ingest.sources.retry.ResponseClassifier;
import dev.ingest.sources.retry.ResponseClassifier.Verdict;
import dev.ingest.sources.retry.RetryAfter;
import dev.ingest.sources.retry.RetryPolicy;
import dev.ingest.sources.retry.Sleeper;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.DoubleSupplier;

/**
 * Sends one authenticated request until it yields a JSON 2xx response or the endpoint must give up: the
 * send → classify → retry loop, written once. Waits go through the {@link Sleeper}. Every message is redacted.
 */
final class RequestExecutor {
  static final int EXCERPT_CHARS = 200;

  private final HttpTransport transport;
  private final RetryPolicy policy;
  private final ResponseClassifier classifier;
  private final Sleeper sleeper;
  private final Clock clock;
  private final DoubleSupplier random;
  private final Redactor redactor;

  RequestExecutor(HttpTransport transport, RetryPolicy policy, Sleeper sleeper, Clock clock, DoubleSupplier random,
      Redactor redactor) {
    this.transport = transport;
    this.policy = policy;
    this.classifier = new ResponseClassifier(policy);
    this.sleeper = sleeper;
    this.clock = clock;
    this.random = random;
    this.redactor = redactor;
  }

  /** One failed attempt that may be retried. */
  private record Failure(ErrorClass errorClass, int status, String message, Throwable cause,
      Optional<Duration> retryAfter) {}

  Exchange execute(ApiRequest request) throws EndpointException, InterruptedException {
    long start = clock.millis();
    int attempts = 0;
    int throttled = 0;
    long bytes = 0;
    long waited = 0;
    while (true) {
      attempts++;
      Failure failure;
      try {
        ApiResponse response = transport.send(request);
        bytes += response.wireBytes();
        Verdict verdict = classifier.classify(response);
        throttled += verdict.throttled() ? 1 : 0;
        if (verdict.kind() == Verdict.Kind.SUCCESS) {
          try {
            JsonNode body = JsonBodies.parse(response.body());
            return new Exchange(response, body, stats(attempts, throttled, bytes, waited));
          } catch (IOException e) {
            failure = new Failure(ErrorClass.MALFORMED_RESPONSE, response.status(),
                describe(request) + ": HTTP " + response.status() + " body is not valid JSON (" + parserMessage(e)
                    + ")", null, Optional.empty());
          }
        } else if (verdict.kind() == Verdict.Kind.FAIL) {
          throw new EndpointException(verdict.errorClass(), response.status(), describe(request, response), null,
              stats(attempts, throttled, bytes, waited));
        } else {
          failure = new Failure(verdict.errorClass(), response.status(), describe(request, response), null,
              RetryAfter.parse(response.headers().first("Retry-After"), clock));
        }
      } catch (IOException e) {
        failure = new Failure(ErrorClass.NETWORK, 0, describe(request) + ": " + e.getClass().getSimpleName()
            + (e.getMessage() == null ? "" : ": " + redactor.mask(e.getMessage())), e, Optional.empty());
      }
      if (attempts >= policy.maxAttempts()) {
        throw giveUp(failure, "after " + attempts + " attempts", stats(attempts, throttled, bytes, waited));
      }
      int retry = attempts; // the retry about to happen is the attempts-th
      Duration delay = failure.retryAfter().orElseGet(() -> policy.backoff(retry, random.getAsDouble()));
      long elapsed = clock.millis() - start;
      if (elapsed + delay.toMillis() > policy.totalBudget().toMillis()) {
        throw giveUp(failure, "after " + attempts + " attempts: waiting " + delay.toMillis()
            + " ms more would exceed the retry budget of " + policy.totalBudget().toSeconds() + " s",
            stats(attempts, throttled, bytes, waited));
      }
      sleeper.sleep(delay);
      waited += delay.toMillis();
    }
  }

  private static FetchStats stats(int attempts, int throttled, long bytes, long waited) {
    return new FetchStats(attempts, attempts - 1, throttled, bytes, waited);
  }

  private static EndpointException giveUp(Failure failure, String how, FetchStats stats) {
    return new EndpointException(failure.errorClass(), failure.status(), failure.message() + " (gave up " + how
        + ")", failure.cause(), stats);
  }

  private String describe(ApiRequest request) {
    return request.method() + " " + redactor.mask(request.redactedUrl());
  }

  private String describe(ApiRequest request, ApiResponse response) {
    String excerpt = redactor.excerpt(response.body(), EXCERPT_CHARS);
    return describe(request) + ": HTTP " + response.status() + (excerpt.isEmpty() ? "" : ": " + excerpt);
  }

  private String parserMessage(IOException e) {
    String message = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
    message = redactor.mask(String.valueOf(message)).replaceAll("\\s+", " ");
    return message.length() <= EXCERPT_CHARS ? message : message.substring(0, EXCERPT_CHARS - 1) + "…";
  }
}
