package dev.ingest.sources.retry;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ingest.sources.fetch.ErrorClass;
import dev.ingest.sources.retry.ResponseClassifier.Verdict;
import java.util.Set;

/**
 * Sorts 2xx bodies that carry an error, as some APIs answer errors with HTTP 200:
 *
 * <pre>
 *   Slack   {"ok": false, "error": "ratelimited"}               retry  RATE_LIMITED
 *           {"ok": false, "error": "invalid_auth" | …}          fail   AUTH_FAILED
 *           {"ok": false, "error": other}                       fail   CLIENT_ERROR
 *   GraphQL errors[].extensions.code RATELIMITED | THROTTLED    retry  RATE_LIMITED (Linear, Shopify)
 *           errors[].extensions.code UNAUTHENTICATED | FORBIDDEN fail  AUTH_FAILED
 *           errors and no data                                  fail   CLIENT_ERROR
 *   anything else                                               success
 * </pre>
 */
public final class BodyClassifier {
  private static final Set<String> SLACK_AUTH = Set.of("invalid_auth", "not_authed", "token_revoked",
      "token_expired", "account_inactive", "no_permission", "missing_scope", "not_allowed_token_type");
  private static final Set<String> GRAPHQL_THROTTLE = Set.of("RATELIMITED", "RATE_LIMITED", "THROTTLED");
  private static final Set<String> GRAPHQL_AUTH =
      Set.of("UNAUTHENTICATED", "FORBIDDEN", "AUTHENTICATION_ERROR", "ACCESS_DENIED");

  private BodyClassifier() {}

  /** The verdict on a parsed 2xx body. */
  public static Verdict classify(JsonNode body) {
    if (!body.isObject()) {
      return Verdict.SUCCESS;
    }
    JsonNode ok = body.get("ok");
    if (ok != null && ok.isBoolean() && !ok.booleanValue()) {
      String error = body.path("error").asText("");
      if (error.equals("ratelimited") || error.equals("rate_limited")) {
        return Verdict.retry(ErrorClass.RATE_LIMITED, true);
      }
      return Verdict.fail(SLACK_AUTH.contains(error) ? ErrorClass.AUTH_FAILED : ErrorClass.CLIENT_ERROR, false);
    }
    JsonNode errors = body.get("errors");
    if (errors != null && errors.isArray() && !errors.isEmpty()) {
      for (JsonNode error : errors) {
        String code = error.path("extensions").path("code").asText("");
        if (GRAPHQL_THROTTLE.contains(code)) {
          return Verdict.retry(ErrorClass.RATE_LIMITED, true);
        }
        if (GRAPHQL_AUTH.contains(code)) {
          return Verdict.fail(ErrorClass.AUTH_FAILED, false);
        }
      }
      JsonNode data = body.get("data");
      if (data == null || data.isNull()) {
        return Verdict.fail(ErrorClass.CLIENT_ERROR, false);
      }
    }
    return Verdict.SUCCESS;
  }
}
