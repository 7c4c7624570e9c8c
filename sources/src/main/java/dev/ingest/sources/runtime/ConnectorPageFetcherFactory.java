package dev.ingest.sources.runtime;

import dev.ingest.sources.auth.Authenticator;
import dev.ingest.sources.auth.Authenticators;
import dev.ingest.sources.auth.NoAuth;
import dev.ingest.sources.auth.OAuth2Context;
import dev.ingest.sources.auth.SecretWriter;
import dev.ingest.sources.fetch.EndpointException;
import dev.ingest.sources.fetch.ErrorClass;
import dev.ingest.sources.fetch.FetchTarget;
import dev.ingest.sources.fetch.PageFetcher;
import dev.ingest.sources.fetch.PageFetcherFactory;
import dev.ingest.sources.http.ApiRequest;
import dev.ingest.sources.http.Redactor;
import dev.ingest.sources.incremental.HighWaterMark;
import dev.ingest.sources.net.AddressCheckingTransport;
import dev.ingest.sources.net.AddressPolicy;
import dev.ingest.sources.incremental.IncrementalStart;
import dev.ingest.sources.paging.Paginator;
import dev.ingest.sources.paging.Paginators;
import dev.ingest.sources.paging.RandomAccessPaginator;
import dev.ingest.sources.ratelimit.RateLimiter;
import dev.ingest.sources.records.RecordSelector;
import dev.ingest.sources.retry.RetryPolicy;
import dev.ingest.sources.secret.SecretStoreProvider;
import dev.ingest.sources.spec.AuthSpec;
import dev.ingest.sources.spec.ConnectorSpec;
import dev.ingest.sources.spec.EndpointSpec;
import dev.ingest.sources.spec.SpecException;
import dev.ingest.sources.template.TemplateContext;
import dev.ingest.sources.template.TemplateException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * The {@link PageFetcherFactory} of a declarative connector: what the Flink source ships to the task managers.
 * It holds the connector definition, the pipeline's (non-secret) config and a secret <em>name</em>; the secret is
 * read in {@link #open}, so neither this object nor its {@code toString()} ever contains a credential.
 *
 * <pre>
 *   open(target): endpoint spec ─▶ secret (store) ─▶ incremental start ─▶ templates rendered ─▶ first request
 *                 + shared RateLimiter (per credential) + Authenticator (OAuth: shared session per credential)
 *                 + Paginator + RecordSelector + HighWaterMark + RequestExecutor(RetryPolicy, HttpEnvironment)
 *   parent:        a child endpoint is opened by scope: PARENTS = the parent's fetcher (the source fans out
 *                  over its records), ONE_PARENT = the child for one parent's {{ parent.* }} vars, ALL = one
 *                  cursor over every parent record (ParentChildPageFetcher)
 *   fetch(cursor): paginator.request ─▶ reserve permit ─▶ auth.apply ─▶ send ─▶ adapt limiter ─▶ classify/retry
 *                  ─▶ select records ─▶ high-water mark ─▶ paginator.next
 * </pre>
 */
public final class ConnectorPageFetcherFactory implements PageFetcherFactory {
  private static final long serialVersionUID = 1L;

  private final ConnectorSpec connector;
  private final Map<String, String> config;
  private final String secretName;
  private final SecretStoreProvider secrets;
  private final RetryPolicy retryPolicy;
  private final HttpEnvironment environment;
  private final AddressPolicy addresses;

  /** A factory with the default retry policy and the system HTTP environment. */
  public ConnectorPageFetcherFactory(
      ConnectorSpec connector, Map<String, String> config, String secretName, SecretStoreProvider secrets) {
    this(connector, config, secretName, secrets, RetryPolicy.defaults());
  }

  /** A factory with the system HTTP environment. */
  public ConnectorPageFetcherFactory(ConnectorSpec connector, Map<String, String> config, String secretName,
      SecretStoreProvider secrets, RetryPolicy retryPolicy) {
    this(connector, config, secretName, secrets, retryPolicy, HttpEnvironment.system());
  }

  /**
   * The full constructor.
   *
   * @param connector the connector definition
   * @param config the pipeline's config values (defaults are applied here)
   * @param secretName the secret holding the credentials; null when the connector's auth is {@code none}
   * @param secrets opens the secret store on the task manager; may be null when no secret is needed
   * @param retryPolicy how requests are retried
   * @param environment transport, sleeper and clock
   * @throws IllegalArgumentException when the config does not fit the connector (message lists every field
   *     error, see {@link ConnectorSpec#resolveConfig}) or a needed secret name is missing
   */
  public ConnectorPageFetcherFactory(ConnectorSpec connector, Map<String, String> config, String secretName,
      SecretStoreProvider secrets, RetryPolicy retryPolicy, HttpEnvironment environment) {
    this(connector, config, secretName, secrets, retryPolicy, environment, AddressPolicy.allowAll());
  }

  private ConnectorPageFetcherFactory(ConnectorSpec connector, Map<String, String> config, String secretName,
      SecretStoreProvider secrets, RetryPolicy retryPolicy, HttpEnvironment environment, AddressPolicy addresses) {
    this.addresses = Objects.requireNonNull(addresses, "addresses");
    this.connector = Objects.requireNonNull(connector, "connector");
    try {
      this.config = Map.copyOf(connector.resolveConfig(Objects.requireNonNull(config, "config")));
    } catch (SpecException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
    if (connector.needsSecret() && (secretName == null || secrets == null)) {
      throw new IllegalArgumentException("connector '" + connector.name() + "' uses " + connector.auth().type()
          .yamlName() + " auth: a secret name and a secret store are required");
    }
    this.secretName = secretName;
    this.secrets = secrets;
    this.retryPolicy = Objects.requireNonNull(retryPolicy, "retryPolicy");
    this.environment = Objects.requireNonNull(environment, "environment");
  }

  @Override
  public PageFetcher open(FetchTarget target) throws EndpointException {
    EndpointSpec endpoint = connector.endpoint(target.endpoint()).orElseThrow(() -> new EndpointException(
        ErrorClass.CONFIG, "unknown endpoint '" + target.endpoint() + "' of connector '" + connector.name()
            + "' (known: " + String.join(", ", connector.endpointNames()) + ")"));
    if (endpoint.parent() == null || target.scope() == FetchTarget.Scope.ONE_PARENT) {
      return openEndpoint(endpoint, target.vars());
    }
    Map<String, String> parentVars = new HashMap<>(target.vars());
    parentVars.keySet().removeIf(key -> key.startsWith("incremental."));
    PageFetcher parent = open(new FetchTarget(endpoint.parent(), target.runId(), parentVars));
    if (target.scope() == FetchTarget.Scope.PARENTS) {
      return parent;
    }
    return new ParentChildPageFetcher(endpoint.name(), parent, vars -> {
      Map<String, String> childVars = new HashMap<>(target.vars());
      childVars.putAll(vars);
      return openEndpoint(endpoint, childVars);
    });
  }

  @Override
  public boolean hasParent(String endpoint) {
    return connector.endpoint(endpoint).map(e -> e.parent() != null).orElse(false);
  }

  /**
   * The parent's {@code max_pages} when the parent has no parent itself. A parent that has one is walked once per
   * grandparent record, each walk with its own {@code max_pages}, so no one cap fits all parts: none (the source's
   * loop guard still holds across the parts).
   */
  @Override
  public OptionalInt parentPageLimit(String endpoint) {
    return connector.endpoint(endpoint).map(EndpointSpec::parent).flatMap(connector::endpoint)
        .filter(parent -> parent.parent() == null)
        .map(parent -> OptionalInt.of(parent.paging().maxPages())).orElse(OptionalInt.empty());
  }

  private PageFetcher openEndpoint(EndpointSpec endpoint, Map<String, String> vars) throws EndpointException {
    Map<String, String> credentials = Credentials.resolve(connector, secretName, secrets);
    TemplateContext context = TemplateContext.of(config, credentials, vars);
    Redactor redactor = Redactor.of(credentials.values());
    try {
      String baseUrl = EndpointRequests.baseUrl(connector, context);
      String credential = secretName == null ? "base-url " + baseUrl : secretName;
      RateLimiter limiter = environment.rateLimiters().limiter(connector.name(), credential, connector.rateLimit(),
          environment.clock());
      Authenticator authenticator = Authenticators.create(connector.auth(), context,
          oauth2Context(credential, redactor));
      Set<String> secretValues = new HashSet<>(credentials.values());
      secretValues.addAll(authenticator.secretValues());
      redactor = Redactor.of(secretValues);
      Optional<String> since = IncrementalSince.of(endpoint.incremental(), vars, context);
      TemplateContext withSince = since.map(s -> context.withVars(Map.of(IncrementalStart.SINCE, s)))
          .orElse(context);
      ApiRequest first = EndpointRequests.first(connector, endpoint, withSince, since);
      Paginator paginator = Paginators.create(endpoint.paging(), baseUrl);
      RequestExecutor executor = executor(limiter, redactor);
      HighWaterMark highWaterMark = endpoint.incremental() == null ? null
          : new HighWaterMark(endpoint.incremental().cursorField());
      RecordSelector selector = RecordSelector.of(endpoint.records(), endpoint.singleRecord());
      PageReadAhead readAhead = endpoint.paging().parallel() > 1 && paginator instanceof RandomAccessPaginator
          ? new PageReadAhead(endpoint.name(), executor, authenticator, selector, endpoint.paging().parallel())
          : null;
      return new ConnectorPageFetcher(endpoint.name(), first, paginator, authenticator, selector, highWaterMark,
          executor, endpoint.paging().maxPages(), redactor, readAhead).statingTotal(endpoint.statedTotal().map(StatedTotal::new).orElse(null));
    } catch (TemplateException | IllegalArgumentException e) {
      throw new EndpointException(ErrorClass.CONFIG, 0, "cannot build requests of endpoint '" + endpoint.name()
          + "': " + redactor.mask(e.getMessage()), null);
    }
  }

  private RequestExecutor executor(RateLimiter limiter, Redactor redactor) {
    return new RequestExecutor(new AddressCheckingTransport(environment.transport(), addresses), retryPolicy, limiter, environment.sleeper(),
        environment.clock(), environment.random(), redactor);
  }

  /** What OAuth needs: token requests go through a retrying executor outside the API's rate limit. */
  private OAuth2Context oauth2Context(String credential, Redactor redactor) {
    if (connector.auth().type() != AuthSpec.Type.OAUTH2) {
      return null;
    }
    RequestExecutor tokenExecutor = executor(RateLimiter.pausesOnly(environment.clock()), redactor);
    return new OAuth2Context(connector.name(), credential,
        request -> tokenExecutor.execute(request, NoAuth.INSTANCE).body(),
        secrets == null ? SecretWriter.NONE : new StoreSecretWriter(secrets, secretName), environment.clock(),
        environment.oauth2Sessions());
  }

  /** The connector definition. */
  public ConnectorSpec connector() {
    return connector;
  }

  /** The effective config values (defaults applied). */
  public Map<String, String> config() {
    return config;
  }

  /** The secret name (a reference), or null. */
  public String secretName() {
    return secretName;
  }

  /** The retry policy. */
  public RetryPolicy retryPolicy() {
    return retryPolicy;
  }

  /** The HTTP environment (transport and its timeouts, sleeper, clock). */
  public HttpEnvironment environment() {
    return environment;
  }

  /**
   * This factory with another retry policy and HTTP environment (a pipeline's {@code runtime.retry} and
   * {@code request_timeout}; fault storms and tests shorten both); the address policy is kept.
   */
  public ConnectorPageFetcherFactory withRuntime(RetryPolicy policy, HttpEnvironment environment) {
    return new ConnectorPageFetcherFactory(connector, config, secretName, secrets, policy, environment, addresses);
  }

  /**
   * This factory re-checking {@code policy} before every request it sends (DNS rebinding: see
   * {@link AddressCheckingTransport}); a refused address fails the endpoint as {@code ADDRESS_REFUSED}. Without it,
   * every address is allowed at connection time (pipelines pass the policy they were validated with).
   */
  public ConnectorPageFetcherFactory withAddressPolicy(AddressPolicy policy) {
    return new ConnectorPageFetcherFactory(connector, config, secretName, secrets, retryPolicy, environment, policy);
  }

  /** Connector, config and secret name; never a credential (this object holds none). */
  @Override
  public String toString() {
    return "ConnectorPageFetcherFactory{connector=" + connector.name() + ", config=" + config + ", secret="
        + secretName + ", " + retryPolicy + ", " + addresses + "}";
  }
}
