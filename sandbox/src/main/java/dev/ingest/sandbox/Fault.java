package dev.ingest.sandbox;

import java.time.Duration;
import java.util.Objects;

/**
 * One scripted misbehaviour of the {@link SandboxApi}, applied to a request before its normal response is
 * generated. Immutable; build with the static factories and refine status faults fluently, e.g.
 * {@code Fault.status(429).retryAfterSeconds(1)} or {@code Fault.status(502).htmlBody()}.
 *
 * <ul>
 *   <li>{@link #status(int)}: an error response shaped like the resource's provider (JSON error body), optionally
 *       with {@code Retry-After}, an HTML body (a proxy's error page) or rate-limit headers.
 *   <li>{@link #reset()}: the connection is closed without any response byte. The JDK {@code HttpClient}
 *       silently replays an idempotent request once when that happens, so the sandbox also resets that immediate
 *       replay (same method and URL, within a second): the client sees an {@code IOException} and the server
 *       counts two requests.
 *   <li>{@link #truncate()}: a 200 with consistent headers whose body is the first half of the normal JSON.
 *   <li>{@link #delay(Duration)}: the normal response, sent after the delay.
 *   <li>{@link #rateHeaders(int, long)}: the normal response plus GitHub-style {@code X-RateLimit-*} headers.
 *   <li>{@link #emptyPage()}: a valid page without records whose next cursor/link points at the records the
 *       request asked for (nothing is skipped; a page-number client that increments the page itself skips them).
 *   <li>{@link #repeatCursor()}: the normal page, but its next cursor/link is the request's own (a loop).
 *   <li>{@link #none()}: no fault; a placeholder that lets a script skip requests, e.g.
 *       {@code next("issues", Fault.none(), Fault.none(), Fault.status(500))} fails the third.
 * </ul>
 */
public final class Fault {
  /** What a fault does; package-private, the handler dispatches on it. */
  enum Kind { NONE, STATUS, RESET, TRUNCATE, DELAY, RATE_HEADERS, EMPTY_PAGE, REPEAT_CURSOR }

  private static final int NONE = -1;

  private final Kind kind;
  private final int status;
  private final long retryAfterSeconds;
  private final boolean html;
  private final Duration delay;
  private final int rateRemaining;
  private final long rateResetSeconds;

  private Fault(Kind kind, int status, long retryAfterSeconds, boolean html, Duration delay, int rateRemaining,
      long rateResetSeconds) {
    this.kind = kind;
    this.status = status;
    this.retryAfterSeconds = retryAfterSeconds;
    this.html = html;
    this.delay = delay;
    this.rateRemaining = rateRemaining;
    this.rateResetSeconds = rateResetSeconds;
  }

  private static Fault of(Kind kind) {
    return new Fault(kind, NONE, NONE, false, Duration.ZERO, NONE, NONE);
  }

  /** No fault: the request is served normally (a placeholder in a scripted sequence). */
  public static Fault none() {
    return of(Kind.NONE);
  }

  /** An error response with HTTP status {@code code} (400..599) and the provider's JSON error body. */
  public static Fault status(int code) {
    if (code < 400 || code > 599) {
      throw new IllegalArgumentException("fault status must be 400..599, got " + code);
    }
    return new Fault(Kind.STATUS, code, NONE, false, Duration.ZERO, NONE, NONE);
  }

  /** Closes the connection without a response (see the class comment about the client's replay). */
  public static Fault reset() {
    return of(Kind.RESET);
  }

  /** A 200 whose body is only the first half of the normal JSON. */
  public static Fault truncate() {
    return of(Kind.TRUNCATE);
  }

  /** The normal response, sent after {@code delay}. */
  public static Fault delay(Duration delay) {
    if (Objects.requireNonNull(delay, "delay").isNegative()) {
      throw new IllegalArgumentException("delay must not be negative: " + delay);
    }
    return new Fault(Kind.DELAY, NONE, NONE, false, delay, NONE, NONE);
  }

  /**
   * The normal response plus {@code X-RateLimit-Limit}, {@code X-RateLimit-Remaining: remaining} and
   * {@code X-RateLimit-Reset} (GitHub semantics: epoch seconds, here now + {@code resetSeconds}).
   */
  public static Fault rateHeaders(int remaining, long resetSeconds) {
    return of(Kind.RATE_HEADERS).withRate(remaining, resetSeconds);
  }

  /** A valid empty page whose next cursor/link points at the records the request asked for. */
  public static Fault emptyPage() {
    return of(Kind.EMPTY_PAGE);
  }

  /** The normal page with the request's own cursor/link as its next one: a pagination loop. */
  public static Fault repeatCursor() {
    return of(Kind.REPEAT_CURSOR);
  }

  /** This status fault with a {@code Retry-After: seconds} header. */
  public Fault retryAfterSeconds(long seconds) {
    requireStatus("retryAfterSeconds");
    if (seconds < 0) {
      throw new IllegalArgumentException("Retry-After must not be negative: " + seconds);
    }
    return new Fault(kind, status, seconds, html, delay, rateRemaining, rateResetSeconds);
  }

  /** This status fault with an HTML error page (as a proxy or load balancer sends) instead of JSON. */
  public Fault htmlBody() {
    requireStatus("htmlBody");
    return new Fault(kind, status, retryAfterSeconds, true, delay, rateRemaining, rateResetSeconds);
  }

  /** This status fault with rate-limit headers, e.g. GitHub's {@code 403} with {@code X-RateLimit-Remaining: 0}. */
  public Fault withRateHeaders(int remaining, long resetSeconds) {
    requireStatus("withRateHeaders");
    return withRate(remaining, resetSeconds);
  }

  private Fault withRate(int remaining, long resetSeconds) {
    if (remaining < 0 || resetSeconds < 0) {
      throw new IllegalArgumentException("rate headers must not be negative");
    }
    return new Fault(kind, status, retryAfterSeconds, html, delay, remaining, resetSeconds);
  }

  private void requireStatus(String what) {
    if (kind != Kind.STATUS) {
      throw new IllegalStateException(what + " applies to status faults only, not " + this);
    }
  }

  Kind kind() {
    return kind;
  }

  int statusCode() {
    return status;
  }

  boolean hasRetryAfter() {
    return retryAfterSeconds != NONE;
  }

  long retryAfter() {
    return retryAfterSeconds;
  }

  boolean html() {
    return html;
  }

  Duration delayDuration() {
    return delay;
  }

  boolean hasRateHeaders() {
    return rateRemaining != NONE;
  }

  int rateRemaining() {
    return rateRemaining;
  }

  long rateResetSeconds() {
    return rateResetSeconds;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Fault that && kind == that.kind && status == that.status
        && retryAfterSeconds == that.retryAfterSeconds && html == that.html && delay.equals(that.delay)
        && rateRemaining == that.rateRemaining && rateResetSeconds == that.rateResetSeconds;
  }

  @Override
  public int hashCode() {
    return Objects.hash(kind, status, retryAfterSeconds, html, delay, rateRemaining, rateResetSeconds);
  }

  @Override
  public String toString() {
    StringBuilder out = new StringBuilder("Fault.");
    switch (kind) {
      case STATUS -> out.append("status(").append(status).append(')');
      case DELAY -> out.append("delay(").append(delay).append(')');
      case RATE_HEADERS -> out.append("rateHeaders(").append(rateRemaining).append(", ").append(rateResetSeconds)
          .append(')');
      case NONE -> out.append("none()");
      case RESET -> out.append("reset()");
      case TRUNCATE -> out.append("truncate()");
      case EMPTY_PAGE -> out.append("emptyPage()");
      case REPEAT_CURSOR -> out.append("repeatCursor()");
    }
    if (hasRetryAfter()) {
      out.append(".retryAfterSeconds(").append(retryAfterSeconds).append(')');
    }
    if (html) {
      out.append(".htmlBody()");
    }
    if (kind == Kind.STATUS && hasRateHeaders()) {
      out.append(".withRateHeaders(").append(rateRemaining).append(", ").append(rateResetSeconds).append(')');
    }
    return out.toString();
  }
}
