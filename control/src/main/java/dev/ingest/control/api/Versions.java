package dev.ingest.control.api;

import io.javalin.http.Context;
import java.util.List;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The version a client read, from {@code If-Match: "<version>"} (the pipeline's ETag) or the body's
 * {@code version} field. Updates require one (428 otherwise); actions and deletes check it when given.
 */
final class Versions {
  private static final Pattern ETAG = Pattern.compile("(?:W/)?\"?(\\d{1,18})\"?");

  private Versions() {}

  static OptionalLong ifMatch(Context ctx) {
    String header = ctx.header("If-Match");
    if (header == null || header.isBlank()) {
      return OptionalLong.empty();
    }
    Matcher m = ETAG.matcher(header.strip());
    if (!m.matches()) {
      throw ApiException.badRequest("If-Match", "If-Match must be the pipeline's ETag, e.g. \"3\"; got " + header.strip());
    }
    return OptionalLong.of(Long.parseLong(m.group(1)));
  }

  /** The expected version of an update: required, and header and body must agree when both are given. */
  static long required(OptionalLong header, OptionalLong body) {
    if (header.isPresent() && body.isPresent() && header.getAsLong() != body.getAsLong()) {
      throw new ApiException(400, "bad_request", "If-Match says version " + header.getAsLong()
          + " but the body says " + body.getAsLong(), List.of(new FieldProblem("version", "disagrees with If-Match")));
    }
    if (header.isPresent()) {
      return header.getAsLong();
    }
    if (body.isPresent()) {
      return body.getAsLong();
    }
    throw new ApiException(428, "version_required",
        "an update must say which version it replaces: send If-Match: \"<version>\" or a version field",
        List.of(new FieldProblem("version", "required")));
  }
}
