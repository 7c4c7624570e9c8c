package dev.ingest.control.api;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.util.Set;

/**
 * Runs before every request: lets the open paths through ({@code /health}) and answers 401 to any other request
 * that does not carry {@code Authorization: Bearer <token>} with the right token. Unknown paths are rejected the
 * same way, so an unauthenticated caller learns nothing about which routes exist.
 */
final class TokenAuth implements Handler {
  static final Set<String> OPEN_PATHS = Set.of("/health");
  private static final String PREFIX = "Bearer ";

  private final ApiToken token;

  TokenAuth(ApiToken token) {
    this.token = token;
  }

  @Override
  public void handle(Context ctx) {
    if (OPEN_PATHS.contains(ctx.path())) {
      return;
    }
    String header = ctx.header("Authorization");
    if (header == null || !header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
      ctx.header("WWW-Authenticate", "Bearer realm=\"ingest\"");
      throw new ApiException(401, "unauthorized", "missing bearer token: send Authorization: Bearer <token>");
    }
    if (!token.matches(header.substring(PREFIX.length()).strip())) {
      ctx.header("WWW-Authenticate", "Bearer realm=\"ingest\", error=\"invalid_token\"");
      throw new ApiException(401, "unauthorized", "invalid bearer token");
    }
  }
}
