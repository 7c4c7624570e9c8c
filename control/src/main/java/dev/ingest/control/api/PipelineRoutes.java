package dev.ingest.control.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ingest.control.deploy.DeployException;
import dev.ingest.control.store.StoredPipeline;
import dev.ingest.jobs.spec.PipelineSpec;
import dev.ingest.sinks.runs.RunRow;
import dev.ingest.sources.source.request.RunRequestMark;
import io.javalin.http.Context;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/** The pipeline routes: CRUD with versioned writes, deployment actions, health and run history. */
final class PipelineRoutes {
  static final int DEFAULT_RUNS = 100;
  static final int MAX_RUNS = 1000;

  private final PipelineService service;
  private final DefinitionReader reader;
  private final Clock clock;

  PipelineRoutes(PipelineService service, DefinitionReader reader, Clock clock) {
    this.service = service;
    this.reader = reader;
    this.clock = clock;
  }

  void register(RouteTable routes) {
    routes.get("/api/pipelines", this::list);
    routes.get("/api/capacity", this::capacity);
    routes.post("/api/pipelines", this::create);
    routes.get("/api/pipelines/{name}", this::get);
    routes.put("/api/pipelines/{name}", this::update);
    routes.delete("/api/pipelines/{name}", this::delete);
    routes.post("/api/pipelines/{name}/deploy", ctx -> respond(ctx, 200,
        service.deploy(name(ctx), Versions.ifMatch(ctx), flag(ctx, "first_run", true)), false));
    routes.post("/api/pipelines/{name}/pause", ctx -> respond(ctx, 200,
        service.pause(name(ctx), Versions.ifMatch(ctx)), false));
    routes.post("/api/pipelines/{name}/resume", ctx -> respond(ctx, 200,
        service.resume(name(ctx), Versions.ifMatch(ctx)), false));
    routes.post("/api/pipelines/{name}/undeploy", ctx -> respond(ctx, 200,
        service.undeploy(name(ctx), Versions.ifMatch(ctx)), false));
    routes.post("/api/pipelines/{name}/run", this::runNow);
    routes.get("/api/pipelines/{name}/run-requests", this::pollRunRequests);
    routes.get("/api/pipelines/{name}/run-requests/{id}", this::runRequest);
    routes.get("/api/pipelines/{name}/health", this::health);
    routes.get("/api/pipelines/{name}/runs", ctx -> runs(ctx, Optional.ofNullable(ctx.queryParam("endpoint"))));
    routes.get("/api/pipelines/{name}/endpoints/{endpoint}/runs", this::endpointRuns);
  }

  private void list(Context ctx) {
    ArrayNode array = Json.array();
    for (StoredPipeline p : service.list()) {
      array.add(view(p, false));
    }
    Json.respond(ctx, 200, array);
  }

  private void capacity(Context ctx) throws DeployException {
    SlotBudget budget = service.budget(null);
    ObjectNode node = Json.object();
    if (budget.total().isPresent()) {
      node.put("slots_total", budget.total().getAsInt()).put("slots_free", budget.free().getAsInt());
    } else {
      node.putNull("slots_total").putNull("slots_free");
    }
    node.put("slots_used", budget.used());
    ArrayNode claims = node.putArray("claims");
    budget.claims().forEach(c -> claims.addObject().put("pipeline", c.pipeline()).put("slots", c.slots())
        .put("kind", c.kind()));
    Json.respond(ctx, 200, node);
  }

  private void create(Context ctx) {
    DefinitionReader.Definition definition = reader.read(ctx.bodyAsBytes());
    StoredPipeline created = service.create(definition);
    ctx.header("Location", "/api/pipelines/" + created.name());
    respond(ctx, 201, created, false);
  }

  private void get(Context ctx) {
    respond(ctx, 200, service.get(name(ctx)), true);
  }

  private void update(Context ctx) throws DeployException {
    DefinitionReader.Definition definition = reader.read(ctx.bodyAsBytes());
    long expected = Versions.required(Versions.ifMatch(ctx), definition.version());
    respond(ctx, 200, service.update(name(ctx), definition, expected), false);
  }

  private void delete(Context ctx) throws DeployException {
    boolean dropTables = flag(ctx, "drop_tables", false);
    PipelineSpec spec = service.spec(service.get(name(ctx)));
    service.delete(name(ctx), Versions.ifMatch(ctx));
    if (dropTables) {
      ArrayNode dropped = Json.array();
      PipelineTables.drop(spec).forEach(dropped::add);
      Json.respond(ctx, 200, Json.object().put("pipeline", spec.name()).set("dropped_tables", dropped));
      return;
    }
    ctx.status(204);
  }

  private void runNow(Context ctx) throws DeployException {
    String name = name(ctx);
    PipelineService.RunNow run = service.runNow(name);
    ObjectNode body = Json.object().put("pipeline", name);
    if (run.request().isPresent()) {
      body.put("status", "run requested");
      body.set("request", RunRequestJson.of(name, run.request().get(), Optional.empty()));
      ctx.header("Location", "/api/pipelines/" + name + "/run-requests/" + run.request().get().id());
    } else {
      body.put("status", "run started as its own job");
    }
    run.job().ifPresent(job -> body.put("deployment_id", job.id()));
    Json.respond(ctx, 202, body);
  }

  /** The deployed job's poll: {@code after}, {@code started} and {@code run} are its {@code RunRequestMark}. */
  private void pollRunRequests(Context ctx) {
    String name = name(ctx);
    RunRequestMark mark = RunRequestJson.mark(ctx);
    ArrayNode list = Json.array();
    service.pollRunRequests(name, mark).forEach(r -> list.add(RunRequestJson.of(name, r, Optional.empty())));
    ObjectNode body = Json.object().put("pipeline", name);
    body.set("requests", list);
    Json.respond(ctx, 200, body);
  }

  private void runRequest(Context ctx) {
    String name = name(ctx);
    long id = RunRequestJson.id(ctx.pathParam("id"));
    RunRequestBook.Request request = service.runRequest(name, id);
    StoredPipeline p = service.get(name);
    Optional<List<RunRow>> runRows = request.runId().map(run -> {
      service.syncRuns(service.spec(p));
      return service.runs(name, Optional.empty(), MAX_RUNS).stream().filter(r -> r.runId().equals(run)).toList();
    });
    ObjectNode body = RunRequestJson.of(name, request, runRows.map(rows -> RunRequestJson.outcome(rows,
        service.spec(p).endpointNames().size())));
    service.lastRunRequestPoll(name).ifPresent(poll -> body.put("job_polled_at", poll.at().toString()));
    Json.respond(ctx, 200, body);
  }

  private void health(Context ctx) {
    StoredPipeline p = service.get(name(ctx));
    Json.respond(ctx, 200, PipelineJson.health(service.health(p, true)));
  }

  private void endpointRuns(Context ctx) {
    StoredPipeline p = service.get(name(ctx));
    String endpoint = ctx.pathParam("endpoint");
    PipelineSpec spec = service.spec(p);
    if (!spec.endpointNames().contains(endpoint)) {
      throw new ApiException(404, "not_found", "pipeline " + p.name() + " has no endpoint '" + endpoint
          + "' (it has " + spec.endpointNames() + ")");
    }
    runs(ctx, Optional.of(endpoint));
  }

  private void runs(Context ctx, Optional<String> endpoint) {
    StoredPipeline p = service.get(name(ctx));
    service.syncRuns(service.spec(p));
    Json.respond(ctx, 200, RunJson.of(service.runs(p.name(), endpoint, limit(ctx))));
  }

  private void respond(Context ctx, int status, StoredPipeline p, boolean syncRuns) {
    ctx.header("ETag", PipelineJson.etag(p));
    Json.respond(ctx, status, view(p, syncRuns));
  }

  private ObjectNode view(StoredPipeline p, boolean syncRuns) {
    return PipelineJson.of(p, service.spec(p), service.health(p, syncRuns), service.status(p), clock.instant());
  }

  private static String name(Context ctx) {
    return ctx.pathParam("name");
  }

  /** A {@code true}/{@code false} query parameter, {@code fallback} when absent. */
  static boolean flag(Context ctx, String name, boolean fallback) {
    String text = ctx.queryParam(name);
    if (text == null) {
      return fallback;
    }
    return switch (text) {
      case "true" -> true;
      case "false" -> false;
      default -> throw ApiException.badRequest(name, name + " must be true or false, got " + text);
    };
  }

  private static int limit(Context ctx) {
    String text = ctx.queryParam("limit");
    if (text == null) {
      return DEFAULT_RUNS;
    }
    try {
      int limit = Integer.parseInt(text);
      if (limit >= 1 && limit <= MAX_RUNS) {
        return limit;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw ApiException.badRequest("limit", "limit must be an integer from 1 to " + MAX_RUNS + ", got " + text);
  }
}
