package dev.ingest.control.api;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import java.util.ArrayList;
import java.util.List;

/**
 * Registers routes with Javalin and remembers them, so the OpenAPI document can be checked against the routes
 * that really exist.
 */
final class RouteTable {
  /** One registered route: an HTTP method and a path template with {@code {param}} segments. */
  record Route(String method, String path) {}

  private final RoutesConfig routes;
  private final List<Route> registered = new ArrayList<>();

  RouteTable(RoutesConfig routes) {
    this.routes = routes;
  }

  void get(String path, Handler handler) {
    add(HandlerType.GET, path, handler);
  }

  void post(String path, Handler handler) {
    add(HandlerType.POST, path, handler);
  }

  void put(String path, Handler handler) {
    add(HandlerType.PUT, path, handler);
  }

  void delete(String path, Handler handler) {
    add(HandlerType.DELETE, path, handler);
  }

  private void add(HandlerType method, String path, Handler handler) {
    routes.addHttpHandler(method, path, handler);
    registered.add(new Route(method.name(), path));
  }

  List<Route> routes() {
    return List.copyOf(registered);
  }
}
