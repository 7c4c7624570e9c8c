package dev.ingest.sources.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.ingest.sources.fetch.EndpointException;
import dev.ingest.sources.fetch.ErrorClass;
import dev.ingest.sources.retry.RetryPolicy;
import dev.ingest.sources.runtime.ConnectorClient;
import dev.ingest.sources.runtime.ConnectorPageFetcherFactory;
import dev.ingest.sources.spec.ConnectorLoader;
import dev.ingest.sources.spec.ConnectorSpec;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS certificates are verified by default: an HTTPS API with a self-signed certificate is refused by the
 * production transport with a clear, permanent error (class {@code TLS}, never retried), although the server itself
 * works (a client that trusts its certificate gets the page). A connection dropped during the handshake is a
 * transient network failure and is retried.
 */
class TlsVerificationTest {
  private static final char[] PASSWORD = "fake-keystore".toCharArray();
  private static final String BODY = "{\"items\":[{\"id\":1}]}";

  @TempDir static Path dir;
  private static KeyStore keyStore;
  private HttpsServer server;

  @BeforeAll
  static void certificate() throws Exception {
    keyStore = selfSigned(dir.resolve("fake.p12"));
  }

  @BeforeEach
  void start() throws Exception {
    KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keys.init(keyStore, PASSWORD);
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(keys.getKeyManagers(), null, null);
    server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setHttpsConfigurator(new HttpsConfigurator(tls));
    server.createContext("/", exchange -> {
      byte[] body = BODY.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private String baseUrl() {
    return "https://127.0.0.1:" + server.getAddress().getPort();
  }

  @Test
  void theFakeServesAClientThatTrustsItsCertificate() throws Exception {
    TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trust.init(keyStore);
    SSLContext trusting = SSLContext.getInstance("TLS");
    trusting.init(null, trust.getTrustManagers(), null);
    HttpClient client = HttpClient.newBuilder().sslContext(trusting).build();

    HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/items")).build(),
        HttpResponse.BodyHandlers.ofString());

    assertThat(response.body()).isEqualTo(BODY);
  }

  @Test
  void aSelfSignedCertificateIsRefusedAtOnceWithAClearTlsError() throws Exception {
    ConnectorClient client = client(baseUrl());

    assertThatThrownBy(() -> client.firstPage("items"))
        .isInstanceOfSatisfying(EndpointException.class, e -> {
          assertThat(e.errorClass()).isEqualTo(ErrorClass.TLS);
          assertThat(e.stats().requests()).as("not retried").isEqualTo(1);
          assertThat(e.getMessage()).contains("TLS certificate refused").containsIgnoringCase("certification path");
        });
  }

  @Test
  void aConnectionDroppedDuringTheHandshakeIsRetriedAsANetworkFailure() throws Exception {
    AtomicInteger accepted = new AtomicInteger();
    try (ServerSocket dropping = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      Thread acceptor = new Thread(() -> {
        while (!dropping.isClosed()) {
          try (Socket socket = dropping.accept()) {
            accepted.incrementAndGet(); // closed before answering the ClientHello
          } catch (IOException closed) {
            return;
          }
        }
      });
      acceptor.setDaemon(true);
      acceptor.start();
      ConnectorClient client = client("https://127.0.0.1:" + dropping.getLocalPort());

      assertThatThrownBy(() -> client.firstPage("items"))
          .isInstanceOfSatisfying(EndpointException.class, e -> {
            assertThat(e.errorClass()).isEqualTo(ErrorClass.NETWORK);
            assertThat(e.stats().requests()).as("retried").isEqualTo(3);
            assertThat(e.getMessage()).contains("gave up after 3 attempts");
          });
      assertThat(accepted.get()).isGreaterThanOrEqualTo(3);
    }
  }

  private static ConnectorClient client(String baseUrl) throws Exception {
    ConnectorSpec connector = ConnectorLoader.parse("""
        name: selfsigned
        base_url: "{{ config.base_url }}"
        config:
          base_url: {required: true}
        endpoints:
          items: {path: /items, records: items}
        """, "selfsigned.yaml");
    return new ConnectorClient(new ConnectorPageFetcherFactory(connector, Map.of("base_url", baseUrl), null, null,
        RetryPolicy.defaults().withMaxAttempts(3).withBaseDelay(Duration.ofMillis(10))));
  }

  /** A PKCS12 key store with a fresh self-signed certificate for 127.0.0.1, made by the JDK's keytool. */
  private static KeyStore selfSigned(Path file) throws Exception {
    Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
    Process process = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", "fake", "-keyalg", "RSA",
        "-keysize", "2048", "-validity", "2", "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1",
        "-storetype", "PKCS12", "-keystore", file.toString(), "-storepass", new String(PASSWORD),
        "-keypass", new String(PASSWORD)).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("keytool finished").isTrue();
    assertThat(process.exitValue()).as("keytool: %s", output).isZero();
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(file)) {
      store.load(in, PASSWORD);
    }
    return store;
  }
}
