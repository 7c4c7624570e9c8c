package dev.ingest.sources.testing;

import dev.ingest.sources.fetch.EndpointException;
import dev.ingest.sources.fetch.ErrorClass;
import dev.ingest.sources.fetch.FetchTarget;
import dev.ingest.sources.fetch.Page;
import dev.ingest.sources.fetch.PageCursor;
import dev.ingest.sources.fetch.PageFetcher;
import dev.ingest.sources.fetch.PageFetcherFactory;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link PageFetcherFactory} that serves scripted pages, for tests of the source and of whole jobs without a
 * network. Serializable: the factory carries only an id; its {@link ScriptedEndpoint scripts} live in a static
 * registry, so they survive serialization into a MiniCluster in the same JVM and their counters can be read
 * afterwards.
 *
 * <pre>{@code
 * ScriptedPageFetcherFactory api = ScriptedPageFetcherFactory.create();
 * api.endpoint("tasks").pages(3).recordsPerPage(5);
 * api.endpoint("users").pages(2).recordsPerPage(4).failAt(2, ErrorClass.AUTH_FAILED, "401 Unauthorized");
 * ApiSource source = ApiSource.builder()....fetchers(api).bounded().build();
 * ...
 * assertThat(api.endpoint("tasks").fetchCountOfPage(1)).isEqualTo(1);
 * api.discard();
 * }</pre>
 */
public final class ScriptedPageFetcherFactory implements PageFetcherFactory {
  private static final long serialVersionUID = 1L;
  private static final Map<String, Map<String, ScriptedEndpoint>> REGISTRY = new ConcurrentHashMap<>();

  private final String id;

  private ScriptedPageFetcherFactory(String id) {
    this.id = id;
  }

  /** A new factory with no endpoints. */
  public static ScriptedPageFetcherFactory create() {
    String id = UUID.randomUUID().toString();
    REGISTRY.put(id, new ConcurrentHashMap<>());
    return new ScriptedPageFetcherFactory(id);
  }

  /** The script of {@code name}, created (one page of one record) on first use. */
  public ScriptedEndpoint endpoint(String name) {
    return scripts().computeIfAbsent(name, ScriptedEndpoint::new);
  }

  /** Removes the scripts from the static registry. */
  public void discard() {
    REGISTRY.remove(id);
  }

  @Override
  public PageFetcher open(FetchTarget target) throws EndpointException {
    ScriptedEndpoint endpoint = scripts().get(target.endpoint());
    if (endpoint == null) {
      throw new EndpointException(ErrorClass.CONFIG, "no scripted endpoint named " + target.endpoint());
    }
    endpoint.opened();
    return new ScriptedPageFetcher(endpoint);
  }

  private Map<String, ScriptedEndpoint> scripts() {
    Map<String, ScriptedEndpoint> scripts = REGISTRY.get(id);
    if (scripts == null) {
      throw new IllegalStateException("scripted fetcher factory " + id + " was discarded (or created in another "
          + "JVM)");
    }
    return scripts;
  }

  /** One split's fetcher over a script. */
  private static final class ScriptedPageFetcher implements PageFetcher {
    private final ScriptedEndpoint endpoint;
    private boolean closed;

    ScriptedPageFetcher(ScriptedEndpoint endpoint) {
      this.endpoint = endpoint;
    }

    @Override
    public Page fetch(PageCursor cursor) throws EndpointException, InterruptedException {
      if (closed) {
        throw new IllegalStateException("fetcher of " + endpoint.name() + " is closed");
      }
      return endpoint.fetch(cursor);
    }

    @Override
    public void close() {
      if (!closed) {
        closed = true;
        endpoint.closed();
      }
    }
  }
}
