package dev.ingest.control.api;

import dev.ingest.control.alerts.AlertSettings;
import dev.ingest.control.alerts.Alerter;
import dev.ingest.control.dashboard.Dashboard;
import dev.ingest.control.deploy.DeployException;
import dev.ingest.control.deploy.Deployer;
import dev.ingest.control.health.RunSync;
import dev.ingest.control.store.AlertStore;
import dev.ingest.control.store.Database;
import dev.ingest.control.store.PipelineState;
import dev.ingest.control.store.PipelineStore;
import dev.ingest.control.store.RunStore;
import dev.ingest.control.store.StoredPipeline;
import dev.ingest.jobs.IngestHome;
import dev.ingest.jobs.NetworkSettings;
import dev.ingest.jobs.spec.PipelineLoader;
import dev.ingest.jobs.spec.PipelineSpec;
import dev.ingest.sources.secret.SecretStore;
import dev.ingest.sources.net.AddressPolicy;
import dev.ingest.sources.spec.ConnectorCatalog;
import io.javalin.Javalin;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The control API: JSON over HTTP (Javalin on Jetty), every route behind the bearer token but {@code /health}.
 * Routes are documented in {@code openapi.yaml} (served at {@code /api/openapi.yaml}; a test keeps the two in
 * step) and in docs/control-api.md.
 *
 * <pre>
 *   HTTP ─▶ TokenAuth ─▶ routes ─▶ PipelineService ─┬─▶ PipelineStore / RunStore (database, Flyway schema)
 *                                                   ├─▶ Deployer (local, session, kubernetes, local-runs)
 *                                                   └─▶ RunSync ◀─ &lt;pipeline&gt;._ingest_runs (Iceberg)
 *                          CredentialRoutes ─────────▶ SecretStore
 *                          ConnectionRoutes ─────────▶ ConnectionTester ─▶ the runtime's first pages (sources)
 *                          AlertRoutes ──────────────▶ Alerter ─▶ AlertStore; AlertDispatcher ─▶ webhooks, SMTP
 * </pre>
 *
 * A background task copies new rows of every deployed pipeline's runs table into the store, so lists and the
 * dashboard answer from the database, then lets the {@link Alerter} raise the alerts they call for (delivered
 * on the alerter's own thread).
 */
public final class ControlApi implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ControlApi.class);
  static final String OPENAPI_RESOURCE = "openapi.yaml";
  static final long MAX_BODY_BYTES = 4L * 1024 * 1024;

  private final Javalin app;
  private final RouteTable routes;
  private final PipelineService service;
  private final ScheduledExecutorService poller;
  private final Duration syncInterval;
  private final dev.ingest.control.deploy.Deployer deployer;
  private final Alerter alerter;
  private final Clock clock;

  private ControlApi(Builder b) {
    PipelineStore pipelines = new PipelineStore(b.database.dataSource(), b.clock);
    RunStore runs = new RunStore(b.database.dataSource());
    dev.ingest.jobs.spec.SpecDefaults defaults =
        b.addresses != null ? b.home.specDefaults(b.addresses) : b.home.specDefaults();
    DefinitionReader reader = new DefinitionReader(new PipelineLoader(defaults, b.catalog));
    RunRequestAccess access = new RunRequestAccess(b.secrets, new JobTokens(b.token));
    access.grantLeases();
    this.service = new PipelineService(pipelines, runs, new RunSync(runs), b.deployer, reader,
        new dev.ingest.control.health.StartupWatch(b.startupBound, b.clock), new RunRequestBook(new dev.ingest.control.store.RunRequestStore(b.database.dataSource()), b.clock), access);
    this.deployer = b.deployer;
    this.syncInterval = b.syncInterval;
    this.clock = b.clock;
    AlertStore alertStore = new AlertStore(b.database.dataSource());
    this.alerter = new Alerter(b.alerts != null ? b.alerts : AlertSettings.load(b.home), alertStore, runs, b.secrets,
        b.clock);
    AddressPolicy webhookAddresses = b.addresses != null ? b.addresses : NetworkSettings.policy(b.home);
    byte[] openApi = openApiDocument();
    RouteTable[] table = new RouteTable[1];
    this.app = Javalin.create(config -> {
      config.startup.showJavalinBanner = false;
      config.startup.showOldJavalinVersionWarning = false;
      config.http.maxRequestSize = MAX_BODY_BYTES;
      // Jackson 2, named: left to itself Javalin picks Jackson 3 whenever tools.jackson is on the classpath (S3Proxy
      // brings it to the tests), which then fails against the Jackson 2 annotations everything else uses
      config.jsonMapper(new io.javalin.json.JavalinJackson(Json.MAPPER, false));
      config.routes.before(new TokenAuth(b.token, Dashboard::isPublic, access));
      ErrorMapping.register(config.routes);
      RouteTable t = new RouteTable(config.routes);
      t.get("/health", ctx -> health(ctx, b.database));
      t.get("/api/openapi.yaml", ctx -> ctx.contentType("application/yaml").result(openApi));
      new ConnectorRoutes(b.catalog, defaults.manifests()).register(t);
      new PipelineRoutes(service, reader, b.clock).register(t);
      new CredentialRoutes(b.secrets, b.catalog, service).register(t);
      // a test's time limit is real time, never a test's or a replay's clock
      new ConnectionRoutes(reader, b.secrets, new dev.ingest.control.connection.ConnectionTester(Clock.systemUTC()))
          .register(t);
      new OAuthRoutes(b.catalog, b.secrets, service, new dev.ingest.control.oauth.PendingAuthorizations(b.clock,
          java.time.Duration.ofMinutes(10)), new dev.ingest.control.oauth.CodeExchange(), webhookAddresses)
          .register(t);
      new CronRoutes(b.clock).register(t);
      new TableRoutes(service).register(t);
      new RunRoutes(service).register(t);
      new AlertRoutes(alerter, alertStore, service, webhookAddresses).register(t);
      // leases are timed by the jobs' real clocks, never by a test's or a replay's clock
      new RateBudgetRoutes(new dev.ingest.control.budget.RateBudgetBook(Clock.systemUTC(),
          dev.ingest.control.budget.RateBudgetBook.DEFAULT_TTL)).register(t);
      Dashboard.serve(config);
      table[0] = t;
    });
    this.routes = table[0];
    this.poller = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "ingest-run-sync");
      t.setDaemon(true);
      return t;
    });
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Starts serving on the configured host and port (0 = any free port) and the run-sync task. */
  public ControlApi start(String host, int port) {
    app.start(host, port);
    deployer.controlApiStarted(java.net.URI.create("http://" + reachableHost(host) + ":" + app.port()));
    if (!syncInterval.isZero()) {
      poller.scheduleWithFixedDelay(this::syncAll, syncInterval.toMillis(), syncInterval.toMillis(),
          TimeUnit.MILLISECONDS);
    }
    return this;
  }

  /**
   * Brings every stored deployed pipeline back after a restart: a job its cluster still runs is left alone; one
   * the cluster lost (the local cluster lives in this process) is started again, from the savepoint
   * {@link #suspendDeployments} took when there is one. Returns how many jobs were started; a pipeline that
   * fails to restore is logged and skipped (its health then says why).
   */
  public int restoreDeployments() {
    int restored = 0;
    for (StoredPipeline p : service.list()) {
      try {
        if (service.restore(p)) {
          restored++;
        }
      } catch (DeployException | RuntimeException e) {
        LOG.warn("Could not restore the deployment of pipeline {}: {}", p.name(), e.getMessage());
      }
    }
    return restored;
  }

  /**
   * Stops every running pipeline job with a savepoint before the process (and the local Flink cluster in it)
   * exits; the pipelines stay deployed and {@link #restoreDeployments} resumes them from there. Only for
   * deployers whose cluster dies with this process; returns how many were suspended.
   */
  public int suspendDeployments() {
    int suspended = 0;
    for (StoredPipeline p : service.list()) {
      try {
        if (service.suspendForShutdown(p)) {
          suspended++;
        }
      } catch (DeployException | RuntimeException e) {
        LOG.warn("Could not stop pipeline {} with a savepoint: {}", p.name(), e.getMessage());
      }
    }
    return suspended;
  }

  /** The host jobs on this machine reach the API at: loopback when it listens on every interface. */
  static String reachableHost(String host) {
    if (host == null || host.isBlank() || host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]")) {
      return "127.0.0.1";
    }
    return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
  }

  /** The port the server listens on. */
  public int port() {
    return app.port();
  }

  /** The routes that exist, as (method, path template). */
  public List<RouteTable.Route> routes() {
    return routes.routes();
  }

  /**
   * Copies new run rows of every deployed or paused pipeline into the store, then raises the alerts of each
   * deployed one (a failure to judge one pipeline's alerts is logged and does not stop the others).
   */
  void syncAll() {
    try {
      for (StoredPipeline p : service.list()) {
        if (p.state() != PipelineState.UNDEPLOYED) {
          PipelineSpec spec = service.spec(p);
          service.syncRuns(spec);
          if (p.state() == PipelineState.DEPLOYED) {
            service.recordJobFailures(p, clock.instant());
            checkAlerts(p, spec);
          }
        }
      }
    } catch (RuntimeException e) {
      LOG.warn("Run sync failed: {}", e.toString());
    }
  }

  private void checkAlerts(StoredPipeline pipeline, PipelineSpec spec) {
    try {
      alerter.check(spec, pipeline.updatedAt());
    } catch (RuntimeException e) {
      LOG.warn("Could not check the alerts of pipeline {}: {}", pipeline.name(), e.toString());
    }
  }

  private static void health(io.javalin.http.Context ctx, Database database) {
    boolean up;
    try (Connection c = database.dataSource().getConnection()) {
      up = c.isValid(2);
    } catch (SQLException e) {
      up = false;
    }
    Json.respond(ctx, up ? 200 : 503, Json.object().put("status", up ? "ok" : "unavailable")
        .put("database", up ? "ok" : "unreachable"));
  }

  static byte[] openApiDocument() {
    try (InputStream in = ControlApi.class.getClassLoader().getResourceAsStream(OPENAPI_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(OPENAPI_RESOURCE + " is missing from the classpath");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    poller.shutdownNow();
    app.stop();
    alerter.close();
  }

  /** Everything the API needs; all but the clock, catalog and sync interval are required. */
  public static final class Builder {
    private IngestHome home;
    private Database database;
    private Deployer deployer;
    private SecretStore secrets;
    private ApiToken token;
    private ConnectorCatalog catalog = ConnectorCatalog.builtIn();
    private AddressPolicy addresses;
    private Clock clock = Clock.systemUTC();
    private Duration syncInterval = Duration.ofSeconds(15);
    private Duration startupBound = dev.ingest.control.health.StartupWatch.DEFAULT_BOUND;
    private AlertSettings alerts;

    public Builder home(IngestHome home) {
      this.home = home;
      return this;
    }

    public Builder database(Database database) {
      this.database = database;
      return this;
    }

    public Builder deployer(Deployer deployer) {
      this.deployer = deployer;
      return this;
    }

    public Builder secrets(SecretStore secrets) {
      this.secrets = secrets;
      return this;
    }

    public Builder token(ApiToken token) {
      this.token = token;
      return this;
    }

    /**
     * Which hosts pipelines' connectors may call; by default the home's network settings
     * ({@link NetworkSettings}: public hosts only unless the operator allows more).
     */
    public Builder addresses(AddressPolicy addresses) {
      this.addresses = addresses;
      return this;
    }

    public Builder catalog(ConnectorCatalog catalog) {
      this.catalog = catalog;
      return this;
    }

    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    /** How often run results are copied from runs tables into the store; zero turns the task off. */
    public Builder syncInterval(Duration interval) {
      this.syncInterval = interval;
      return this;
    }

    /**
     * How long a job's tasks may stay {@code CREATED}/{@code SCHEDULED} (no task slot) before its health is failing
     * with {@code NO_RESOURCES}; default {@link dev.ingest.control.health.StartupWatch#DEFAULT_BOUND}.
     */
    public Builder startupBound(Duration bound) {
      this.startupBound = bound;
      return this;
    }

    /** The alert settings; by default the home's {@code config.yaml} ({@link AlertSettings#load}). */
    public Builder alerts(AlertSettings alerts) {
      this.alerts = alerts;
      return this;
    }

    public ControlApi build() {
      Objects.requireNonNull(home, "home");
      Objects.requireNonNull(database, "database");
      Objects.requireNonNull(deployer, "deployer");
      Objects.requireNonNull(secrets, "secrets");
      Objects.requireNonNull(token, "token");
      return new ControlApi(this);
    }
  }
}
