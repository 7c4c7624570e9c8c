package dev.ingest.sources.http;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.zip.GZIPInputStream;

/**
 * {@link HttpTransport} over {@code java.net.http.HttpClient}: HTTP/1.1 with keep-alive, a connect timeout and a
 * per-request timeout, {@code Accept-Encoding: gzip} with transparent decoding. Redirects are not followed (a 3xx
 * is reported as a response): following them would forward credentials to wherever the redirect points.
 */
public final class JdkHttpTransport implements HttpTransport {
  /** Default connect timeout. */
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
  /** Default timeout of one request, until the response headers arrive. */
  public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(60);
  private static final Set<String> RESTRICTED = Set.of("connection", "content-length", "expect", "host", "upgrade");
  private static final String USER_AGENT = "ingest/0.1";

  private final HttpClient client;
  private final Duration requestTimeout;

  public JdkHttpTransport(Duration connectTimeout, Duration requestTimeout) {
    this.requestTimeout = Objects.requireNonNull(requestTimeout, "requestTimeout");
    this.client = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Objects.requireNonNull(connectTimeout, "connectTimeout"))
        .followRedirects(HttpClient.Redirect.NEVER)
        .build();
  }

  /** A transport with the default timeouts. */
  public static JdkHttpTransport withDefaults() {
    return new JdkHttpTransport(DEFAULT_CONNECT_TIMEOUT, DEFAULT_REQUEST_TIMEOUT);
  }

  @Override
  public ApiResponse send(ApiRequest request) throws IOException, InterruptedException {
    HttpRequest.Builder builder = HttpRequest.newBuilder(request.uri())
        .timeout(requestTimeout)
        .method(request.method(), request.body()
            .map(b -> HttpRequest.BodyPublishers.ofString(b, StandardCharsets.UTF_8))
            .orElse(HttpRequest.BodyPublishers.noBody()));
    for (String name : request.headers().names()) {
      if (!RESTRICTED.contains(name.toLowerCase(Locale.ROOT))) {
        for (String value : request.headers().all(name)) {
          builder.header(name, value);
        }
      }
    }
    if (!request.headers().contains("Accept-Encoding")) {
      builder.header("Accept-Encoding", "gzip");
    }
    if (!request.headers().contains("User-Agent")) {
      builder.header("User-Agent", USER_AGENT);
    }
    HttpResponse<byte[]> response = client.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
    Headers headers = Headers.of(response.headers().map());
    byte[] wire = response.body() == null ? new byte[0] : response.body();
    byte[] body = isGzip(headers) && wire.length > 0 ? gunzip(wire) : wire;
    return new ApiResponse(response.statusCode(), headers, body, wire.length);
  }

  private static boolean isGzip(Headers headers) {
    return headers.first("Content-Encoding")
        .map(v -> v.trim().toLowerCase(Locale.ROOT))
        .filter(v -> v.equals("gzip") || v.equals("x-gzip"))
        .isPresent();
  }

  private static byte[] gunzip(byte[] wire) throws IOException {
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(wire))) {
      return in.readAllBytes();
    } catch (java.io.EOFException e) {
      throw new IOException("truncated gzip body", e);
    }
  }

  @Override
  public String toString() {
    return "JdkHttpTransport{requestTimeout=" + requestTimeout + "}";
  }
}
