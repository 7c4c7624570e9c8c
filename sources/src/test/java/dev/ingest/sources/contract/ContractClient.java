package dev.ingest.sources.contract;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ingest.sources.contract.fake.Fakes;
import dev.ingest.sources.contract.fake.ProviderFake;
import dev.ingest.sources.fetch.EndpointException;
import dev.ingest.sources.fetch.FetchTarget;
import dev.ingest.sources.fetch.Page;
import dev.ingest.sources.fetch.PageCursor;
import dev.ingest.sources.fetch.PageFetcher;
import dev.ingest.sources.http.ApacheHttpTransport;
import dev.ingest.sources.incremental.CursorValues;
import dev.ingest.sources.incremental.IncrementalStart;
import dev.ingest.sources.retry.FakeTime;
import dev.ingest.sources.retry.RetryPolicy;
import dev.ingest.sources.runtime.ConnectorPageFetcherFactory;
import dev.ingest.sources.runtime.TestEnvironment;
import dev.ingest.sources.secret.SecretStore;
import dev.ingest.sources.secret.SecretStoreProvider;
import dev.ingest.sources.spec.ConnectorCatalog;
import dev.ingest.sources.spec.ConnectorSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs a built-in connector against its provider fake through {@link ConnectorPageFetcherFactory}, the same
 * factory the Flink source ships: every page of an endpoint, optionally from a kept incremental mark.
 */
final class ContractClient implements AutoCloseable {
  static final String SECRET = "contract";

  private final ProviderFake fake;
  private final ConnectorSpec connector;
  private final ApacheHttpTransport transport = ApacheHttpTransport.withDefaults();
  /** Fake time starting now (reset headers in epoch seconds make sense): waits are honoured and recorded. */
  private final TestEnvironment environment = new TestEnvironment(transport, new FakeTime(Instant.now()));

  private final Map<String, String> config;
  private final Map<String, String> secret;

  ContractClient(ProviderFake fake) throws Exception {
    this.fake = fake;
    this.connector = ConnectorCatalog.builtIn().get(fake.connector());
    this.config = fake.config();
    this.secret = fake.secret();
  }

  /**
   * A client authenticating with the connector's auth method {@code authMethod}: an alternative method gets the
   * fake's {@link ProviderFake#alternativeSecret} (the fields its form declares), and the fake's token endpoint as
   * {@code config.oauth_token_url} where the connector has that setting.
   */
  ContractClient(ProviderFake fake, String authMethod) throws Exception {
    this.fake = fake;
    this.connector = ConnectorCatalog.builtIn().get(fake.connector()).withAuthMethod(authMethod).orElseThrow();
    Map<String, String> cfg = new java.util.HashMap<>(fake.config());
    if (connector.config().containsKey("oauth_token_url")) {
      cfg.put("oauth_token_url", fake.serverUrl() + fake.oauthTokenPath());
    }
    this.config = Map.copyOf(cfg);
    Map<String, String> fields = new java.util.HashMap<>(fake.alternativeSecret(authMethod));
    fields.keySet().retainAll(connector.credentials().keySet());
    this.secret = Map.copyOf(fields);
  }

  ConnectorSpec connector() {
    return connector;
  }

  TestEnvironment environment() {
    return environment;
  }

  /** Every record of {@code endpoint} and the run's high-water mark. */
  Run fetch(String endpoint, String keptMark) throws EndpointException, InterruptedException {
    return fetch(endpoint, keptMark, secret);
  }

  Run fetch(String endpoint, String keptMark, Map<String, String> secret)
      throws EndpointException, InterruptedException {
    String name = SECRET + "-" + connector.authMethod();
    ConnectorPageFetcherFactory factory = new ConnectorPageFetcherFactory(connector, config, name,
        secrets(name, secret), RetryPolicy.defaults(), environment);
    Map<String, String> vars = keptMark == null ? Map.of() : Map.of(IncrementalStart.CURSOR, keptMark);
    List<JsonNode> records = new ArrayList<>();
    String mark = null;
    int pages = 0;
    try (PageFetcher fetcher = factory.open(new FetchTarget(endpoint, "contract-run", vars))) {
      PageCursor cursor = PageCursor.first();
      while (true) {
        Page page = fetcher.fetch(cursor);
        pages++;
        page.records().forEach(json -> records.add(Fakes.parse(json)));
        mark = CursorValues.max(mark, page.cursorMax().orElse(null));
        if (page.isLast()) {
          return new Run(records, mark, pages);
        }
        cursor = page.next().orElseThrow();
      }
    }
  }

  private static SecretStoreProvider secrets(String name, Map<String, String> secret) {
    return new MapSecrets(new java.util.concurrent.ConcurrentHashMap<>(Map.of(name, secret)));
  }

  @Override
  public void close() {
    transport.close();
  }

  /** The records of one run, its high-water mark (null when not incremental) and how many pages it took. */
  record Run(List<JsonNode> records, String mark, int pages) {}

  /** A secret store over a map (OAuth refresh-token rotation writes back into it). */
  private record MapSecrets(Map<String, Map<String, String>> secrets) implements SecretStoreProvider, SecretStore {
    @Override
    public SecretStore open() {
      return this;
    }

    @Override
    public Optional<Map<String, String>> read(String name) {
      return Optional.ofNullable(secrets.get(name));
    }

    @Override
    public void write(String name, Map<String, String> fields) {
      secrets.put(name, Map.copyOf(fields));
    }

    @Override
    public boolean delete(String name) {
      return secrets.remove(name) != null;
    }
  }
}
