package dev.ingest.control.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ingest.control.store.Database;
import dev.ingest.control.store.StoreConfig;
import dev.ingest.jobs.IngestHome;
import dev.ingest.sources.net.AddressPolicy;
import dev.ingest.sources.secret.LocalFileSecretStore;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * A control API on a random loopback port over an H2 store in a temp dir, the local secret store and a
 * {@link FakeDeployer}, plus a JDK HTTP client that talks to it.
 */
final class ApiFixture implements AutoCloseable {
  static final String TOKEN = "test-token-0123456789abcdef";

  final Path dir;
  final IngestHome home;
  final Database database;
  final FakeDeployer deployer = new FakeDeployer();
  final LocalFileSecretStore secrets;
  final ControlApi api;
  final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();

  /** Pipelines may name a loopback base URL (the tests' definitions use {@code http://127.0.0.1:9}). */
  ApiFixture(Path dir) {
    this(dir, AddressPolicy.strict().allowingHost("127.0.0.1"));
  }

  /** Pipelines' connectors may call the hosts {@code addresses} allows. */
  ApiFixture(Path dir, AddressPolicy addresses) {
    this(dir, addresses, b -> b);
  }

  /** With further settings of the API ({@code customize} gets the builder before it is built). */
  ApiFixture(Path dir, java.util.function.UnaryOperator<ControlApi.Builder> customize) {
    this(dir, AddressPolicy.strict().allowingHost("127.0.0.1"), customize);
  }

  private ApiFixture(Path dir, AddressPolicy addresses, java.util.function.UnaryOperator<ControlApi.Builder> customize) {
    this.dir = dir;
    this.home = new IngestHome(dir.resolve("home"));
    this.database = Database.open(StoreConfig.embedded(dir.resolve("db")));
    this.secrets = new LocalFileSecretStore(home.secretsFile());
    this.api = customize.apply(ControlApi.builder().home(home).database(database).deployer(deployer).secrets(secrets)
        .token(ApiToken.of(TOKEN)).addresses(addresses).syncInterval(Duration.ZERO)).build().start("127.0.0.1", 0);
  }

  /** A valid sandbox pipeline definition as JSON. */
  static String pipeline(String name, String... extra) {
    StringBuilder json = new StringBuilder("{\"name\":\"" + name + "\",\"connector\":\"sandbox\","
        + "\"config\":{\"base_url\":\"http://127.0.0.1:9\"},\"credentials\":{\"secret\":\"" + name + "-token\"},"
        + "\"endpoints\":[\"tickets\",\"contacts\"],\"schedule\":\"*/15 * * * *\"");
    for (String e : extra) {
      json.append(',').append(e);
    }
    return json.append('}').toString();
  }

  URI uri(String path) {
    return URI.create("http://127.0.0.1:" + api.port() + path);
  }

  HttpResponse<String> send(String method, String path, String body, Map<String, String> headers) {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    headers.forEach(request::header);
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** An authenticated request. */
  HttpResponse<String> call(String method, String path, String body, String... headerPairs) {
    Map<String, String> headers = new java.util.LinkedHashMap<>();
    headers.put("Authorization", "Bearer " + TOKEN);
    for (int i = 0; i < headerPairs.length; i += 2) {
      headers.put(headerPairs[i], headerPairs[i + 1]);
    }
    return send(method, path, body, headers);
  }

  HttpResponse<String> get(String path) {
    return call("GET", path, null);
  }

  static JsonNode json(HttpResponse<String> response) {
    try {
      return Json.MAPPER.readTree(response.body());
    } catch (IOException e) {
      throw new AssertionError("not JSON (" + response.statusCode() + "): " + response.body(), e);
    }
  }

  @Override
  public void close() {
    api.close();
    database.close();
  }
}
