package dev.ingest.sandbox;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The bundled fake provider API: the demo's data source ({@code ./ingest demo}, no internet) and the scripted
 * fake server, with fault injection, behind the test suite. Serves four provider-shaped resources, one per
 * pagination style, generated deterministically per record (datasets of 10,000,000 records cost no memory):
 *
 * <pre>
 *   tickets   GET /api/v2/tickets?page=N&amp;per_page=M           Zendesk-like, page number, {"tickets":[..],..}
 *   contacts  GET /crm/v3/objects/contacts?limit=M&amp;after=T     HubSpot-like, body cursor paging.next.after
 *   issues    GET /repos/acme/widgets/issues?page=N&amp;per_page=M GitHub-like, Link header rel="next"
 *   events    GET /v1/events?offset=N&amp;limit=M                 Stripe-like list, offset paging, ~1 KB records
 * </pre>
 * Every resource accepts {@code updated_since=} (or {@code since=}) to serve only records with
 * {@code updated_at >= value}.
 *
 * <p>Also: {@code POST /crm/v3/objects/contacts/search} pages contacts with {@code limit}/{@code after} in the JSON
 * body (HubSpot search); {@link Builder#oauth2} serves {@code POST /oauth/token} (refresh-token and
 * client-credentials grants, optional refresh-token rotation) and accepts the access tokens it issues;
 * {@link Builder#rateLimit} enforces one fixed-window request budget over all resources and advertises it in
 * {@code X-RateLimit-*} headers.
 *
 * <pre>{@code
 * try (SandboxApi sandbox = SandboxApi.builder().requireBearerToken("t0ken").build().start()) {
 *   sandbox.faults().next("contacts", Fault.status(429).retryAfterSeconds(1));
 *   ... point the client at sandbox.baseUrl() ...
 *   assertThat(landed).containsExactlyElementsOf(sandbox.records("contacts"));
 * }
 * }</pre>
 */
public final class SandboxApi implements AutoCloseable {
  /** Zendesk-like tickets, page-number pagination. */
  public static final String TICKETS = "tickets";
  /** HubSpot-like contacts, body-cursor pagination. */
  public static final String CONTACTS = "contacts";
  /** GitHub-like issues, Link-header pagination. */
  public static final String ISSUES = "issues";
  /** Stripe-like events of about 1 KB each, offset pagination (the benchmark's payload). */
  public static final String EVENTS = "events";

  static {
    // The JDK server writes headers and body separately; without TCP_NODELAY every small response waits ~40 ms
    // for the client's delayed ACK (Nagle). Read once, when the first HttpServer of the JVM is created.
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
  }

  private final String host;
  private final int requestedPort;
  private final Duration latency;
  private final String token;
  private final Clock clock;
  private final Map<String, ResourceEndpoint> endpoints;
  private final FaultPlan faults;
  private final RequestCounters counters;
  private final SandboxOAuth oauth;
  private final SandboxRateLimit rateLimit;
  private HttpServer server;
  private ExecutorService executor;
  private boolean closed;

  private SandboxApi(Builder config) {
    this.host = config.host;
    this.requestedPort = config.port;
    this.latency = config.latency;
    this.token = config.token;
    this.clock = config.clock;
    this.endpoints = new LinkedHashMap<>();
    for (RecordGenerator generator : generators()) {
      int size = config.sizes.getOrDefault(generator.resource(), generator.defaultSize());
      endpoints.put(generator.resource(), endpoint(generator, size, config.maxPageSize));
    }
    this.faults = new FaultPlan(endpoints.keySet());
    this.counters = new RequestCounters(endpoints.keySet());
    this.oauth = config.oauthClientId == null ? null : new SandboxOAuth(config.oauthClientId,
        config.oauthClientSecret, config.oauthRefreshToken, config.oauthLifetime, config.oauthRotate, config.clock);
    this.rateLimit = config.rateLimit <= 0 ? null
        : new SandboxRateLimit(config.rateLimit, config.rateWindow, config.rateHeaders, config.clock);
  }

  /** A builder with the defaults: port 0 (ephemeral), host 127.0.0.1, no latency, max page size 100, no auth. */
  public static Builder builder() {
    return new Builder();
  }

  private static List<RecordGenerator> generators() {
    return List.of(new TicketGenerator(), new ContactGenerator(), new IssueGenerator(), new EventGenerator());
  }

  private static ResourceEndpoint endpoint(RecordGenerator generator, int size, int maxPageSize) {
    return switch (generator.resource()) {
      case TICKETS -> new TicketsEndpoint(generator, size, maxPageSize);
      case CONTACTS -> new ContactsEndpoint(generator, size, maxPageSize);
      case ISSUES -> new IssuesEndpoint(generator, size, maxPageSize);
      case EVENTS -> new EventsEndpoint(generator, size, maxPageSize);
      default -> throw new IllegalStateException("no endpoint for " + generator.resource());
    };
  }

  /** Binds the port and starts serving; returns {@code this}. */
  public synchronized SandboxApi start() {
    if (server != null) {
      throw new IllegalStateException("sandbox already started");
    }
    try {
      server = HttpServer.create(new InetSocketAddress(host, requestedPort), 512);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot bind sandbox API to " + host + ":" + requestedPort, e);
    }
    executor = newExecutor();
    String origin = "http://" + clientHost() + ":" + server.getAddress().getPort();
    server.createContext("/", new SandboxHandler(new ArrayList<>(endpoints.values()), faults, counters,
        latency, token, clock, origin, oauth, rateLimit));
    server.setExecutor(executor);
    server.start();
    return this;
  }

  private static ExecutorService newExecutor() {
    AtomicInteger threads = new AtomicInteger();
    return new ThreadPoolExecutor(0, Integer.MAX_VALUE, 30, TimeUnit.SECONDS, new SynchronousQueue<>(), task -> {
      Thread thread = new Thread(task, "sandbox-http-" + threads.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    });
  }

  /** The bound port (the real one when built with port 0). */
  public synchronized int port() {
    if (server == null) {
      throw new IllegalStateException("sandbox not started");
    }
    return server.getAddress().getPort();
  }

  /** {@code http://host:port}, without a trailing slash (127.0.0.1 when bound to all interfaces). */
  public String baseUrl() {
    return "http://" + clientHost() + ":" + port();
  }

  private String clientHost() {
    return switch (host) {
      case "0.0.0.0", "::", "[::]" -> "127.0.0.1";
      default -> host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    };
  }

  /** The absolute URL of {@code resource}'s first page, without query parameters. */
  public String url(String resource) {
    return baseUrl() + endpoint(resource).path();
  }

  /** The fault script of this server; scripting takes effect for the next request. */
  public FaultPlan faults() {
    return faults;
  }

  /** The resource names served: {@code tickets}, {@code contacts}, {@code issues}, {@code events}. */
  public Set<String> resources() {
    return Collections.unmodifiableSet(endpoints.keySet());
  }

  /** Records served by {@code resource} (without filters). */
  public int size(String resource) {
    return endpoint(resource).size();
  }

  /** Record {@code index} (0-based) of {@code resource}, exactly as a client parses it from a page. */
  public ObjectNode record(String resource, int index) {
    ResourceEndpoint endpoint = endpoint(resource);
    Objects.checkIndex(index, endpoint.size());
    try {
      return (ObjectNode) Json.MAPPER.readTree(Json.bytes(json -> endpoint.generator().write(json, index)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every record of {@code resource} in serving order; generated on each call, meant for test-sized datasets. */
  public List<ObjectNode> records(String resource) {
    int size = size(resource);
    List<ObjectNode> records = new ArrayList<>(size);
    for (int index = 0; index < size; index++) {
      records.add(record(resource, index));
    }
    return records;
  }

  /** The current OAuth refresh token (changes on every refresh when rotation is on). */
  public String oauthRefreshToken() {
    return requireOAuth().refreshToken();
  }

  /** OAuth access tokens issued so far. */
  public int oauthTokensIssued() {
    return requireOAuth().tokensIssued();
  }

  /** Expires every OAuth access token issued so far: the next API request with one gets a 401. */
  public void expireOAuthTokens() {
    requireOAuth().expireAll();
  }

  private SandboxOAuth requireOAuth() {
    if (oauth == null) {
      throw new IllegalStateException("sandbox built without oauth2(...)");
    }
    return oauth;
  }

  /** Requests the rate limit admitted and refused (429), as {@code [admitted, refused]}. */
  public long[] rateLimitCounts() {
    if (rateLimit == null) {
      throw new IllegalStateException("sandbox built without rateLimit(...)");
    }
    return new long[] {rateLimit.admitted(), rateLimit.refused()};
  }

  /** The most requests (admitted and refused) that arrived within one window of the rate limit so far. */
  public long rateLimitPeakWindow() {
    if (rateLimit == null) {
      throw new IllegalStateException("sandbox built without rateLimit(...)");
    }
    return rateLimit.peakWindow();
  }

  /** Requests received so far, including rejected, faulted and unroutable ones. */
  public int requestCount() {
    return counters.total();
  }

  /** The most requests the sandbox served at the same time so far (parallel clients show up here). */
  public int maxConcurrentRequests() {
    return counters.maxConcurrent();
  }

  /** Requests received so far for {@code resource}. */
  public int requestCount(String resource) {
    return counters.of(endpoint(resource).resource());
  }

  private ResourceEndpoint endpoint(String resource) {
    ResourceEndpoint endpoint = endpoints.get(resource);
    if (endpoint == null) {
      throw new IllegalArgumentException("unknown sandbox resource '" + resource + "', expected one of "
          + endpoints.keySet());
    }
    return endpoint;
  }

  /** Stops serving at once (open exchanges are cut) and releases the port and threads. */
  @Override
  public synchronized void close() {
    if (server != null && !closed) {
      closed = true;
      server.stop(0);
      executor.shutdownNow();
    }
  }

  @Override
  public String toString() {
    return "SandboxApi{" + (server == null ? "not started" : baseUrl()) + ", auth="
        + (token == null ? "none" : "bearer") + ", sizes=" + sizes() + "}";
  }

  private Map<String, Integer> sizes() {
    Map<String, Integer> sizes = new LinkedHashMap<>();
    endpoints.forEach((name, endpoint) -> sizes.put(name, endpoint.size()));
    return sizes;
  }

  /**
   * Runs the sandbox standalone until the process is stopped: {@code --port N} (default 8089), {@code --host H}
   * (default 127.0.0.1), {@code --latency-ms N}, {@code --token T}, {@code --max-page-size N},
   * {@code --size resource=N} (repeatable).
   */
  public static void main(String[] args) {
    SandboxApi sandbox = SandboxCommandLine.parse(args).build().start();
    Runtime.getRuntime().addShutdownHook(new Thread(sandbox::close, "sandbox-shutdown"));
    System.out.println("Sandbox API listening on " + sandbox.baseUrl() + " " + sandbox.sizes());
  }

  /** Configures a {@link SandboxApi}; every setting has a default. */
  public static final class Builder {
    private String host = "127.0.0.1";
    private int port;
    private Duration latency = Duration.ZERO;
    private int maxPageSize = 100;
    private String token;
    private Clock clock = Clock.systemUTC();
    private final Map<String, Integer> sizes = new LinkedHashMap<>();
    private String oauthClientId;
    private String oauthClientSecret;
    private String oauthRefreshToken;
    private Duration oauthLifetime = Duration.ofHours(1);
    private boolean oauthRotate;
    private int rateLimit;
    private Duration rateWindow;
    private boolean rateHeaders = true;

    private Builder() {}

    /**
     * Serves an OAuth 2.0 token endpoint at {@code POST /oauth/token} and accepts the access tokens it issues
     * (besides the bearer token, if one is required). {@code refreshToken} may be null (client credentials only).
     *
     * @param lifetime how long an access token works
     * @param rotate whether every refresh issues a new refresh token (and invalidates the old one)
     */
    public Builder oauth2(String clientId, String clientSecret, String refreshToken, Duration lifetime,
        boolean rotate) {
      this.oauthClientId = Objects.requireNonNull(clientId, "clientId");
      this.oauthClientSecret = Objects.requireNonNull(clientSecret, "clientSecret");
      this.oauthRefreshToken = refreshToken;
      this.oauthLifetime = Objects.requireNonNull(lifetime, "lifetime");
      this.oauthRotate = rotate;
      return this;
    }

    /**
     * Enforces one request budget over every resource (one credential): {@code limit} requests per fixed
     * {@code window}; responses advertise {@code X-RateLimit-*}, excess requests get 429 with {@code Retry-After}.
     */
    public Builder rateLimit(int limit, Duration window) {
      if (limit < 1 || window.toMillis() < 1) {
        throw new IllegalArgumentException("rate limit must allow >= 1 request per window of >= 1 ms");
      }
      this.rateLimit = limit;
      this.rateWindow = window;
      return this;
    }

    /**
     * Whether responses advertise the rate limit in {@code X-RateLimit-*} headers (default true); false models an
     * API that enforces a limit it never states (a 429 still carries {@code Retry-After}).
     */
    public Builder rateHeaders(boolean advertise) {
      this.rateHeaders = advertise;
      return this;
    }

    /** The port to bind; 0 (default) picks a free one. */
    public Builder port(int port) {
      if (port < 0 || port > 65_535) {
        throw new IllegalArgumentException("port must be 0..65535, got " + port);
      }
      this.port = port;
      return this;
    }

    /** The address to bind, default {@code 127.0.0.1}; {@code 0.0.0.0} to serve other hosts (containers). */
    public Builder host(String host) {
      this.host = Objects.requireNonNull(host, "host");
      return this;
    }

    /** A delay added to every request before it is answered. */
    public Builder latency(Duration latency) {
      if (Objects.requireNonNull(latency, "latency").isNegative()) {
        throw new IllegalArgumentException("latency must not be negative: " + latency);
      }
      this.latency = latency;
      return this;
    }

    /** The largest page served; bigger requested page sizes are capped silently, as providers do. */
    public Builder maxPageSize(int maxPageSize) {
      if (maxPageSize < 1) {
        throw new IllegalArgumentException("maxPageSize must be >= 1, got " + maxPageSize);
      }
      this.maxPageSize = maxPageSize;
      return this;
    }

    /** Requires {@code Authorization: Bearer <token>} on every request; null (default) disables auth. */
    public Builder requireBearerToken(String token) {
      if (token != null && token.isBlank()) {
        throw new IllegalArgumentException("token must not be blank");
      }
      this.token = token;
      return this;
    }

    /** Serves {@code records} records for {@code resource} (defaults: tickets 4,000, contacts 5,000, issues 3,000, events 2,000). */
    public Builder datasetSize(String resource, int records) {
      if (generators().stream().noneMatch(g -> g.resource().equals(resource))) {
        throw new IllegalArgumentException("unknown sandbox resource '" + resource + "'");
      }
      if (records < 0) {
        throw new IllegalArgumentException("dataset size must not be negative, got " + records);
      }
      sizes.put(resource, records);
      return this;
    }

    /** The clock behind {@code X-RateLimit-Reset}; default the system UTC clock. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** An unstarted sandbox; call {@link SandboxApi#start()}. */
    public SandboxApi build() {
      return new SandboxApi(this);
    }
  }
}
