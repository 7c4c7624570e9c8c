package dev.ingest.sources.retry;

import dev.ingest.sources.fetch.ErrorClass;
import dev.ingest.sources.http.ApiResponse;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Objects;

/**
 * Sorts a response by status into success, retry or failure, and names the {@link ErrorClass} it would end in:
 *
 * <pre>
 *   2xx                                  success (the body is checked for JSON by the caller)
 *   401                                  fail   AUTH_FAILED  (no retry)
 *   403 with Retry-After,
 *       X-RateLimit-Remaining: 0 or a
 *       body saying "rate limit"         retry  RATE_LIMITED (GitHub's secondary rate limits use 403)
 *   403                                  fail   AUTH_FAILED  (no retry)
 *   404                                  fail   NOT_FOUND
 *   429 *                                retry  RATE_LIMITED
 *   408 *                                retry  NETWORK
 *   5xx *                                retry  SERVER_ERROR
 *   other                                fail   CLIENT_ERROR (incl. 3xx: redirects are not followed)
 * </pre>
 * Rows marked * retry only when the policy lists the status; otherwise they fail with the same class.
 */
public final class ResponseClassifier {
  private final RetryPolicy policy;

  public ResponseClassifier(RetryPolicy policy) {
    this.policy = Objects.requireNonNull(policy, "policy");
  }

  /** What to do with {@code response}. */
  public Verdict classify(ApiResponse response) {
    int status = response.status();
    if (status >= 200 && status < 300) {
      return Verdict.SUCCESS;
    }
    if (status == 403 && isRateLimited403(response)) {
      return Verdict.retry(ErrorClass.RATE_LIMITED, true);
    }
    ErrorClass errorClass = switch (status) {
      case 401, 403 -> ErrorClass.AUTH_FAILED;
      case 404 -> ErrorClass.NOT_FOUND;
      case 429 -> ErrorClass.RATE_LIMITED;
      case 408 -> ErrorClass.NETWORK;
      default -> status >= 500 && status < 600 ? ErrorClass.SERVER_ERROR : ErrorClass.CLIENT_ERROR;
    };
    boolean throttled = status == 429;
    boolean retryable = errorClass != ErrorClass.AUTH_FAILED && errorClass != ErrorClass.NOT_FOUND
        && policy.retries(status);
    return retryable ? Verdict.retry(errorClass, throttled) : Verdict.fail(errorClass, throttled);
  }

  private static boolean isRateLimited403(ApiResponse response) {
    return response.headers().contains("Retry-After")
        || response.headers().first("X-RateLimit-Remaining").map(String::trim).filter("0"::equals).isPresent()
        || mentionsRateLimit(response.body());
  }

  private static boolean mentionsRateLimit(byte[] body) {
    int take = Math.min(body.length, 2048);
    String start = new String(body, 0, take, StandardCharsets.UTF_8).toLowerCase(Locale.ROOT);
    // Salesforce: 403 [{"errorCode":"REQUEST_LIMIT_EXCEEDED"}] (concurrent long-running requests, API allocation)
    return start.contains("rate limit") || start.contains("ratelimit") || start.contains("rate_limit")
        || start.contains("request_limit_exceeded");
  }

  /**
   * The decision about one response.
   *
   * @param kind success, retry or fail
   * @param errorClass the class the endpoint fails with (now, or when retries run out); null on success
   * @param throttled whether the response was a rate limit (counted in {@code FetchStats.throttled})
   */
  public record Verdict(Kind kind, ErrorClass errorClass, boolean throttled) {
    /** A 2xx response. */
    public static final Verdict SUCCESS = new Verdict(Kind.SUCCESS, null, false);

    public static Verdict retry(ErrorClass errorClass, boolean throttled) {
      return new Verdict(Kind.RETRY, errorClass, throttled);
    }

    public static Verdict fail(ErrorClass errorClass, boolean throttled) {
      return new Verdict(Kind.FAIL, errorClass, throttled);
    }

    /** The three outcomes. */
    public enum Kind { SUCCESS, RETRY, FAIL }
  }
}
