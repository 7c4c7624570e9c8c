package dev.ingest.control.api;

import dev.ingest.control.deploy.DeployException;
import dev.ingest.control.store.PipelineExistsException;
import dev.ingest.control.store.PipelineNotFoundException;
import dev.ingest.control.store.StaleVersionException;
import io.javalin.config.RoutesConfig;
import io.javalin.http.HttpResponseException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Maps exceptions to JSON error responses: refusals with their status, a stale version to 409 with the current
 * version, a missing pipeline to 404, a deployer failure to 502, and anything unexpected to a 500 that says no
 * more than "internal error" (the cause goes to the log only).
 */
final class ErrorMapping {
  private static final Logger LOG = LoggerFactory.getLogger(ErrorMapping.class);

  private ErrorMapping() {}

  static void register(RoutesConfig routes) {
    routes.exception(ApiException.class, (e, ctx) -> Json.respond(ctx, e.status(), Json.error(e)));
    routes.exception(StaleVersionException.class, (e, ctx) -> {
      ApiException conflict = new ApiException(409, "version_conflict", e.getMessage(),
          List.of(new FieldProblem("version", "stale: the current version is " + e.current())));
      ctx.header("ETag", "\"" + e.current() + "\"");
      Json.respond(ctx, 409, Json.error(conflict).put("current_version", e.current()));
    });
    routes.exception(CredentialRoutes.SharedCredentialException.class, (e, ctx) -> Json.respond(ctx, 409, e.body));
    routes.exception(PipelineNotFoundException.class, (e, ctx) ->
        Json.respond(ctx, 404, Json.error(new ApiException(404, "not_found", e.getMessage()))));
    routes.exception(PipelineExistsException.class, (e, ctx) ->
        Json.respond(ctx, 409, Json.error(new ApiException(409, "exists", e.getMessage(),
            List.of(new FieldProblem("name", "already exists"))))));
    routes.exception(DeployException.class, (e, ctx) -> {
      LOG.warn("Deployer failed on {} {}: {}", ctx.method(), ctx.path(), e.getMessage());
      Json.respond(ctx, 502, Json.error(new ApiException(502, "deployer", "deployer failed: " + e.getMessage())));
    });
    routes.exception(HttpResponseException.class, (e, ctx) -> Json.respond(ctx, e.getStatus(),
        Json.error(new ApiException(e.getStatus(), e.getStatus() == 404 ? "not_found" : "http_" + e.getStatus(),
            e.getMessage()))));
    routes.exception(Exception.class, (e, ctx) -> {
      LOG.error("Internal error on {} {}", ctx.method(), ctx.path(), e);
      Json.respond(ctx, 500, Json.error(new ApiException(500, "internal",
          "internal error; the control plane's log has the details")));
    });
  }
}
