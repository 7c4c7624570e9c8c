package dev.ingest.control.api;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs before every request: lets the open paths ({@code /health}) and the dashboard's static assets through,
 * and answers 401 to any other request that does not carry {@code Authorization: Bearer <token>} with the right
 * token. Unknown paths are rejected the
 * same way, so an unauthenticated caller learns nothing about which routes exist.
 */
final class TokenAuth implements Handler {
  /** Reached without the API token: liveness, and the OAuth provider's redirect (its state stands in for it). */
  static final Set<String> OPEN_PATHS = Set.of("/health", OAuthRoutes.CALLBACK);
  private static final String PREFIX = "Bearer ";
  private static final Pattern POLL_PATH = Pattern.compile("/api/pipelines/([^/]+)/run-requests");
  /** Jobs lease rate budgets with the lease token (or the API token); see docs/runtime.md. */
  private static final Pattern LEASE_PATH = Pattern.compile("/api/rate-budgets/[0-9a-f]{32}/leases");

  private final ApiToken token;
  private final Predicate<Context> publicAsset;
  private final RunRequestAccess runRequests;

  /**
   * @param publicAsset requests for static assets that carry no data (the dashboard's files), let through too
   * @param runRequests knows each pipeline's poll token, which opens {@code GET /api/pipelines/<it>/run-requests}
   *     and no other route (null: no poll tokens)
   */
  TokenAuth(ApiToken token, Predicate<Context> publicAsset, RunRequestAccess runRequests) {
    this.token = token;
    this.publicAsset = publicAsset;
    this.runRequests = runRequests;
  }

  TokenAuth(ApiToken token, Predicate<Context> publicAsset) {
    this(token, publicAsset, null);
  }

  @Override
  public void handle(Context ctx) {
    if (OPEN_PATHS.contains(ctx.path()) || publicAsset.test(ctx)) {
      return;
    }
    String header = ctx.header("Authorization");
    if (header == null || !header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
      ctx.header("WWW-Authenticate", "Bearer realm=\"ingest\"");
      throw new ApiException(401, "unauthorized", "missing bearer token: send Authorization: Bearer <token>");
    }
    String presented = header.substring(PREFIX.length()).strip();
    if (!token.matches(presented) && !isPollToken(ctx, presented) && !isLeaseToken(ctx, presented)) {
      ctx.header("WWW-Authenticate", "Bearer realm=\"ingest\", error=\"invalid_token\"");
      throw new ApiException(401, "unauthorized", "invalid bearer token");
    }
  }

  /** A job's lease request, with the lease token. */
  private boolean isLeaseToken(Context ctx, String presented) {
    return runRequests != null && "POST".equals(ctx.method().name()) && LEASE_PATH.matcher(ctx.path()).matches()
        && runRequests.matchesLease(presented);
  }

  /** A job's poll of its own pipeline's run requests, with that pipeline's poll token. */
  private boolean isPollToken(Context ctx, String presented) {
    if (runRequests == null || !"GET".equals(ctx.method().name())) {
      return false;
    }
    Matcher m = POLL_PATH.matcher(ctx.path());
    return m.matches() && runRequests.matches(m.group(1), presented);
  }
}
