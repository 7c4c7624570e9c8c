package dev.ingest.control.dashboard;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.staticfiles.Location;
import java.util.Map;

/**
 * The web dashboard: static HTML, CSS and JavaScript modules from the classpath folder {@value #RESOURCES}, served
 * at {@value #PATH} by the control API's own server (no CDN, no build step; see docs/dashboard.md). {@code /}
 * redirects there.
 *
 * <p>The assets are public (they hold no data); the browser code calls the token-protected {@code /api} routes with
 * the bearer token the user gives it. Every asset is sent with a strict Content-Security-Policy (scripts and styles
 * from this origin only, no inline script, no framing), {@code nosniff} and {@code no-referrer}, so injected markup
 * cannot run and nothing about the dashboard leaks to other sites.
 */
public final class Dashboard {
  /** Where the dashboard is served. */
  public static final String PATH = "/dashboard";
  static final String RESOURCES = "/dashboard";
  /** The icon browsers request by themselves. */
  static final String FAVICON = "/favicon.ico";
  static final Map<String, String> HEADERS = Map.of(
      "Content-Security-Policy", "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
          + "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
      "X-Content-Type-Options", "nosniff",
      "Referrer-Policy", "no-referrer",
      "X-Frame-Options", "DENY",
      "Cache-Control", "no-cache");

  private Dashboard() {}

  /** Adds the dashboard's assets and the {@code /} redirect to a Javalin configuration. */
  public static void serve(JavalinConfig config) {
    config.staticFiles.add(files -> {
      files.hostedPath = PATH;
      files.directory = RESOURCES;
      files.location = Location.CLASSPATH;
      files.headers = HEADERS;
    });
    config.routes.get("/", ctx -> ctx.redirect(PATH + "/"));
    // browsers ask for it on every page; the dashboard declares no icon, so: nothing, and no 401 in the console
    config.routes.get(FAVICON, ctx -> ctx.status(204));
  }

  /**
   * True for requests that need no token: reading the dashboard's assets (GET or HEAD of {@code /}, {@value #FAVICON},
   * {@value #PATH} or anything under it). Paths are compared after the server normalised them.
   */
  public static boolean isPublic(Context ctx) {
    HandlerType method = ctx.method();
    if (method != HandlerType.GET && method != HandlerType.HEAD) {
      return false;
    }
    String path = ctx.path();
    return path.equals("/") || path.equals(FAVICON) || path.equals(PATH) || path.startsWith(PATH + "/");
  }
}
