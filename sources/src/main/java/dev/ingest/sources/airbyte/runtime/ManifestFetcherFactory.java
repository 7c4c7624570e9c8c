package dev.ingest.sources.airbyte.runtime;

import dev.ingest.sources.auth.Authenticator;
import dev.ingest.sources.fetch.EndpointException;
import dev.ingest.sources.fetch.ErrorClass;
import dev.ingest.sources.fetch.FetchStats;
import dev.ingest.sources.fetch.FetchTarget;
import dev.ingest.sources.fetch.Page;
import dev.ingest.sources.fetch.PageFetcher;
import dev.ingest.sources.fetch.PageFetcherFactory;
import dev.ingest.sources.http.Redactor;
import dev.ingest.sources.net.AddressCheckingTransport;
import dev.ingest.sources.net.AddressPolicy;
import dev.ingest.sources.ratelimit.RateLimiter;
import dev.ingest.sources.retry.RetryPolicy;
import dev.ingest.sources.runtime.HttpEnvironment;
import dev.ingest.sources.runtime.PageReadAhead;
import dev.ingest.sources.runtime.ParentChildPageFetcher;
import dev.ingest.sources.runtime.RequestExecutor;
import dev.ingest.sources.secret.SecretStoreProvider;
import dev.ingest.sources.spec.PagingSpec;
import dev.ingest.sources.spec.RateLimitSpec;
import dev.ingest.sources.incremental.IncrementalStart;
import java.io.IOException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@link PageFetcherFactory} of an Airbyte manifest: what the Flink source ships to the task managers. It holds
 * the resolved stream components, the pipeline's non-secret config and a secret <em>name</em>; the secret is read
 * in {@link #open}, so neither this object nor its {@code toString()} holds a credential.
 *
 * <pre>
 *   open(stream):  secret (store) ─▶ typed config ─▶ authenticator ─▶ RequestExecutor (retry policy, shared rate
 *                  limiter per credential, network policy re-checked per request) ─▶ ManifestPageFetcher
 *   partitions:    SubstreamPartitionRouter = a parent endpoint: PARENTS opens the parent stream, ONE_PARENT the
 *                  stream for one parent record ({{ stream_partition.&lt;partition_field&gt; }}), ALL walks every
 *                  parent record in one cursor (the runtime's ParentChildPageFetcher); incremental_dependency =
 *                  the parent read from the parent_state of the committed state, pages report their parent's
 *                  cursor value beside their own
 *   pages:         PageIncrement/OffsetIncrement with a page size read up to concurrency_level pages ahead
 *                  (PageReadAhead: the same executor, so the same rate limit and retries), handed out in order
 *   windows:       DatetimeBasedCursor = a request-free parent whose records are the windows (DatetimeCursor), from
 *                  the committed cursor (fetch var incremental.cursor; a partitioned stream: the partition's own,
 *                  else the global one, StreamMark) minus lookback; pages report cursorMax
 * </pre>
 */
public final class ManifestFetcherFactory implements PageFetcherFactory {
  private static final long serialVersionUID = 1L;
  /** The pipeline config key that overrides every {@code OAuthAuthenticator}'s {@code token_refresh_endpoint}. */
  public static final String TOKEN_URL = "token_refresh_endpoint";

  /** What a factory needs besides the streams: where config, secrets and the network come from. */
  public record Settings(String connector, Map<String, String> config, String secretName,
      SecretStoreProvider secrets, RetryPolicy retryPolicy, HttpEnvironment environment, AddressPolicy addresses,
      String urlBaseOverride) implements java.io.Serializable {
    public Settings {
      config = Map.copyOf(config);
      Objects.requireNonNull(retryPolicy, "retryPolicy");
      Objects.requireNonNull(environment, "environment");
      addresses = addresses == null ? AddressPolicy.allowAll() : addresses;
    }
  }

  private final Map<String, Component> streams;
  private final Component connectionSpecification;
  private final Settings settings;
  private final Templates templates;
  private final Component concurrencyLevel;
  /** The last committed mark read (not shipped: each task reads its own). */
  private transient volatile StreamMark.Committed lastCommitted;

  /**
   * @param streams the runnable streams by name, resolved (references and parameters)
   * @param connectionSpecification the manifest's {@code spec.connection_specification}
   */
  public ManifestFetcherFactory(Map<String, Component> streams, Component connectionSpecification,
      Settings settings, Interpolation interpolation) {
    this(streams, connectionSpecification, settings, interpolation, null);
  }

  /** @param concurrencyLevel the manifest's {@code concurrency_level} (pages read ahead), or null */
  public ManifestFetcherFactory(Map<String, Component> streams, Component connectionSpecification,
      Settings settings, Interpolation interpolation, Component concurrencyLevel) {
    this.concurrencyLevel = concurrencyLevel;
    this.streams = new LinkedHashMap<>(streams);
    this.connectionSpecification = connectionSpecification;
    this.settings = Objects.requireNonNull(settings, "settings");
    this.templates = new Templates(interpolation);
  }

  /** The HTTP environment requests go through (timeouts, rate limiters, sessions). */
  public HttpEnvironment environment() {
    return settings.environment();
  }

  /** This factory with another retry policy and HTTP environment (a pipeline's runtime block, tests). */
  public ManifestFetcherFactory withRuntime(RetryPolicy policy, HttpEnvironment environment) {
    Settings s = settings;
    return new ManifestFetcherFactory(streams, connectionSpecification, new Settings(s.connector(), s.config(),
        s.secretName(), s.secrets(), policy, environment, s.addresses(), s.urlBaseOverride()), templates.interpolation(),
        concurrencyLevel);
  }

  @Override
  public PageFetcher open(FetchTarget target) throws EndpointException {
    Component stream = streams.get(target.endpoint());
    if (stream == null) {
      throw new EndpointException(ErrorClass.CONFIG, "unknown or not runnable stream '" + target.endpoint()
          + "' of manifest '" + settings.connector() + "' (runnable: " + String.join(", ", streams.keySet()) + ")");
    }
    Map<String, Object> config = config();
    Redactor redactor = Redactor.of(secretValues());
    return open(stream, target, config, redactor, committed(target.vars().get(IncrementalStart.CURSOR)), true);
  }

  /** The committed mark, read once for all the splits of a run (a per-partition state may be large). */
  private StreamMark.Committed committed(String text) {
    StreamMark.Committed last = lastCommitted;
    if (last != null && Objects.equals(last.text(), text == null || text.isEmpty() ? null : text)) {
      return last;
    }
    StreamMark.Committed read = StreamMark.Committed.of(text);
    lastCommitted = read;
    return read;
  }

  /**
   * @param committed the mark the stream's reading starts from: the target endpoint's committed mark for its own
   *     stream (per partition when it is partitioned, see {@link StreamMark}), the parent's cursor for a parent read
   *     under {@code incremental_dependency}, else none (a parent read to fan out over is read over its whole range)
   * @param emits true for the target endpoint's stream: its pages report the cursor values its mark moves to
   */
  private PageFetcher open(Component stream, FetchTarget target, Map<String, Object> config, Redactor redactor,
      StreamMark.Committed committed, boolean emits) throws EndpointException {
    Optional<ListRouter> list = ListRouter.of(stream);
    if (list.isPresent()) {
      ListRouter router = list.get();
      StreamMark mark = emits ? StreamMark.partitioned(stream, committed, false) : StreamMark.single(committed);
      PageFetcher values = router.valuesFetcher(templates, EvalContext.of(config, stream.parameters(), Map.of()));
      return new ParentChildPageFetcher(stream.text("name", target.endpoint()), values,
          vars -> asParent(openPartition(stream, router.partition(vars), router.options(vars), config, redactor,
              mark, emits), router.partition(vars), emits));
    }
    Optional<ParentConfig> parent = ParentConfig.of(stream);
    if (parent.isEmpty()) {
      return openPartition(stream, Map.of(), List.of(), config, redactor, StreamMark.single(committed), emits);
    }
    ParentConfig p = parent.get();
    Optional<ParentMark> dependency = parentMark(p, config, redactor);
    // under incremental_dependency the parent starts from the parent cursor kept in the mark and the pages report
    // their parent record's cursor value beside their own; a stream read as a parent passes its one value on
    StreamMark.Committed parentCommitted;
    StreamMark partitionMark;
    if (emits) {
      partitionMark = StreamMark.partitioned(stream, committed, dependency.isPresent());
      parentCommitted = StreamMark.Committed.of(dependency.isPresent() ? partitionMark.parentCommitted() : null);
    } else {
      partitionMark = dependency.isPresent() ? StreamMark.NONE : StreamMark.single(committed);
      parentCommitted = dependency.isPresent() ? committed : StreamMark.Committed.of(null);
    }
    ParentChildPageFetcher.ChildOpener children = vars -> {
      PageFetcher child = asParent(openChild(stream, p, vars, config, redactor, partitionMark, emits),
          p.partition(vars), emits);
      return emits && dependency.isPresent() ? dependency.get().reporting(child, vars) : child;
    };
    Map<String, String> parentVars = new HashMap<>(target.vars());
    parentVars.keySet().removeIf(key -> key.startsWith("parent.") || key.startsWith("incremental."));
    FetchTarget parentTarget = new FetchTarget(p.stream().text("name", "parent"), target.runId(), parentVars);
    return switch (target.scope()) {
      case PARENTS -> open(p.stream(), parentTarget, config, redactor, parentCommitted, false);
      case ONE_PARENT -> children.open(target.vars());
      case ALL -> new ParentChildPageFetcher(stream.text("name", target.endpoint()),
          open(p.stream(), parentTarget, config, redactor, parentCommitted, false), children);
    };
  }

  /** A stream read as a parent ({@code !emits}) tags its records with their partition (parent_slice). */
  private static PageFetcher asParent(PageFetcher fetcher, Map<String, Object> partition, boolean emits) {
    return emits ? fetcher : ParentSlices.tagging(fetcher, partition);
  }

  private Optional<ParentMark> parentMark(ParentConfig parent, Map<String, Object> config, Redactor redactor)
      throws EndpointException {
    try {
      return ParentMark.of(parent, templates, EvalContext.of(config, parent.stream().parameters(), Map.of()));
    } catch (IllegalArgumentException e) {
      throw new EndpointException(ErrorClass.CONFIG, 0, "cannot read the cursor of parent stream '"
          + parent.stream().text("name", "parent") + "': " + redactor.mask(String.valueOf(e.getMessage())), null);
    }
  }

  /** The stream for one parent record; none (one empty page, no request) when the record lacks the parent key. */
  private PageFetcher openChild(Component stream, ParentConfig parent, Map<String, String> vars,
      Map<String, Object> config, Redactor redactor, StreamMark mark, boolean emits) throws EndpointException {
    if (!parent.hasKey(vars)) {
      return cursor -> new Page(List.of(), Optional.empty(), FetchStats.NONE);
    }
    return openPartition(stream, parent.partition(vars), parent.options(vars), config, redactor, mark, emits);
  }

  /**
   * One partition of a stream: with a {@code DatetimeBasedCursor}, its windows walked as a request-free parent
   * (from the partition's committed cursor, see {@link StreamMark}), each window's pages read with
   * {@code stream_interval} and the window's request options; without one, the partition's pages.
   */
  private PageFetcher openPartition(Component stream, Map<String, Object> partition,
      List<Map.Entry<Component, Object>> options, Map<String, Object> config, Redactor redactor, StreamMark mark,
      boolean emits) throws EndpointException {
    String name = stream.text("name", "stream");
    Optional<DatetimeCursor> found;
    try {
      found = DatetimeCursor.of(stream, templates, EvalContext.of(config, stream.parameters(), partition), mark,
          partition, OffsetDateTime.now(settings.environment().clock()));
    } catch (IllegalArgumentException e) {
      throw new EndpointException(ErrorClass.CONFIG, 0, "cannot build the windows of stream '" + name + "': "
          + redactor.mask(String.valueOf(e.getMessage())), null);
    }
    if (found.isEmpty()) {
      return openRequests(stream, EvalContext.of(config, stream.parameters(), partition), options, redactor, null,
          false);
    }
    DatetimeCursor cursor = found.get();
    return new ParentChildPageFetcher(name, cursor.windowsFetcher(), vars -> {
      DatetimeWindows.Window window = cursor.window(vars);
      List<Map.Entry<Component, Object>> withWindow = new ArrayList<>(options);
      withWindow.addAll(cursor.options(window));
      return openRequests(stream, EvalContext.of(config, stream.parameters(), partition, cursor.slice(window)),
          withWindow, redactor, cursor, emits);
    });
  }

  private PageFetcher openRequests(Component stream, EvalContext context,
      List<Map.Entry<Component, Object>> options, Redactor redactor, DatetimeCursor cursor, boolean emitsCursor)
      throws EndpointException {
    String name = stream.text("name", "stream");
    try {
      Component retriever = stream.child("retriever");
      Component requester = retriever.child("requester");
      StreamRequests requests = new StreamRequests(requester, templates, settings.urlBaseOverride());
      String credential = settings.secretName() == null ? "url-base " + requests.urlBase(context)
          : settings.secretName();
      RateLimiter limiter = settings.environment().rateLimiters().limiter(settings.connector(), credential,
          RateLimitSpec.NONE, settings.environment().clock());
      HttpEnvironment env = settings.environment();
      AddressCheckingTransport transport = new AddressCheckingTransport(env.transport(), settings.addresses());
      RequestExecutor authExecutor = new RequestExecutor(transport, settings.retryPolicy(), limiter, env.sleeper(),
          env.clock(), env.random(), redactor);
      AuthSetup setup = new AuthSetup(settings.connector(), credential, authExecutor,
          new SecretWriteBack(settings.secrets(), settings.secretName()), env.clock(),
          settings.config().get(TOKEN_URL), settings.urlBaseOverride());
      Authenticator authenticator = ManifestAuthenticators.create(requester.child("authenticator"), templates,
          context, setup);
      java.util.Set<String> secrets = new java.util.HashSet<>(secretValues());
      secrets.addAll(authenticator.secretValues());
      Redactor masking = Redactor.of(secrets);
      DefaultPaginator paginator = DefaultPaginator.of(retriever.child("paginator"), templates);
      Component selector = retriever.child("record_selector");
      RecordTransformations steps = transformations(stream);
      RecordPipeline records = new RecordPipeline(new DpathExtractor(selector.child("extractor"), templates),
          selector.child("record_filter"), steps, templates);
      Optional<dev.ingest.sources.records.RecordSelector> splitBy = SplitPlan.of(stream, selector.child("extractor"),
          records.filtering(), !steps.isEmpty(), cursor != null);
      Optional<ManifestErrorHandler> errors = ManifestErrorHandler.of(requester.child("error_handler"), templates,
          context, env.clock());
      RetryPolicy policy = errors.map(h -> settings.retryPolicy().withMaxAttempts(h.maxAttempts()))
          .orElse(settings.retryPolicy());
      RequestExecutor executor = new RequestExecutor(transport, policy,
          errors.<dev.ingest.sources.retry.ResponseRules>map(h -> h).orElse(dev.ingest.sources.retry.ResponseRules.NONE),
          limiter, env.sleeper(), env.clock(), env.random(), masking);
      int parallel = ConcurrencyLevel.pages(concurrencyLevel, templates, context);
      PageReadAhead readAhead = parallel > 1 && paginator.randomAccess(context)
          && (cursor == null || !cursor.isDataFeed())
          ? new PageReadAhead(name, executor, authenticator, splitBy.orElse(null), parallel) : null;
      return new ManifestPageFetcher(name, requests, paginator, records, authenticator, executor, context, options,
          errors.orElse(null), PagingSpec.DEFAULT_MAX_PAGES, masking, cursor, emitsCursor, splitBy.orElse(null),
          readAhead);
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new EndpointException(ErrorClass.CONFIG, 0, "cannot build requests of stream '" + name + "': "
          + redactor.mask(String.valueOf(e.getMessage())), null);
    }
  }

  private RecordTransformations transformations(Component stream) {
    List<Component> steps = new java.util.ArrayList<>();
    for (int i = 0; i < stream.field("transformations").size(); i++) {
      steps.add(stream.element("transformations", i));
    }
    return new RecordTransformations(steps, templates);
  }

  @Override
  public boolean hasParent(String endpoint) {
    Component stream = streams.get(endpoint);
    return stream != null && ParentConfig.of(stream).isPresent();
  }

  private Map<String, Object> config() throws EndpointException {
    Map<String, String> values = new LinkedHashMap<>(settings.config());
    values.putAll(secret());
    try {
      return ConfigValues.typed(values, connectionSpecification.node());
    } catch (IllegalArgumentException e) {
      throw new EndpointException(ErrorClass.CONFIG, e.getMessage());
    }
  }

  private java.util.Collection<String> secretValues() throws EndpointException {
    return secret().values();
  }

  private Map<String, String> secret() throws EndpointException {
    if (settings.secretName() == null || settings.secrets() == null) {
      return Map.of();
    }
    try {
      return settings.secrets().open().read(settings.secretName()).orElseThrow(() -> new EndpointException(
          ErrorClass.CONFIG, "secret '" + settings.secretName() + "' not found in the secret store"));
    } catch (IOException | RuntimeException e) {
      throw new EndpointException(ErrorClass.CONFIG, 0, "cannot read secret '" + settings.secretName() + "': "
          + e.getClass().getSimpleName(), null);
    }
  }

  /** The stream names this factory runs. */
  public List<String> streamNames() {
    return List.copyOf(streams.keySet());
  }

  /** Connector, streams and secret name; never a credential. */
  @Override
  public String toString() {
    return "ManifestFetcherFactory{manifest=" + settings.connector() + ", streams=" + streams.keySet() + ", secret="
        + settings.secretName() + ", " + settings.retryPolicy() + "}";
  }
}
