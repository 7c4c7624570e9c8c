package dev.ingest.sources.http;

import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

/**
 * {@link HttpTransport} over Apache HttpClient 5 (classic, blocking): HTTP/1.1 with pooled keep-alive connections
 * per route, TLS with host-name verification, {@code Accept-Encoding: gzip} with transparent decoding, redirects not
 * followed (a 3xx is reported as a response: following it would forward credentials to wherever it points), no
 * cookies kept. One {@link #send} is exactly one attempt on the wire: the client's automatic retries are disabled,
 * so the retry policy sees and counts every attempt; a pooled connection idle for a second or more is checked before
 * reuse (a check, never a resend). The JDK's {@code HttpClient} is not used: it silently resends a request once after a refused connect or
 * a reset on a pooled connection, and its request timeout does not bound reading the body.
 *
 * <p>Timeouts, each failing the attempt with an {@link IOException} the retry policy classifies as {@code NETWORK}:
 * <ul>
 *   <li>connect timeout: the TCP connect;
 *   <li>idle timeout: every single read (response head and body) waits at most this long for data;
 *   <li>request timeout: the whole exchange, from connect through the last byte of the body; an
 *       {@link ExchangeDeadline} cancels the request (closing its connection) when it passes, so neither a stalled
 *       body nor a slow drip can hold a fetch longer.
 * </ul>
 * An interrupt of the sending thread cancels the request too and ends the send with {@link InterruptedException}.
 */
public final class ApacheHttpTransport implements HttpTransport {
  /** Default connect timeout. */
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
  /** Default timeout of one whole exchange: connect, request, response headers and body. */
  public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(60);
  /** Longest idle read by default (capped by the request timeout). */
  public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(30);
  private static final String USER_AGENT = "ingest/0.1";
  /** Connections per route: above any {@code paging.parallel} times the endpoints fetched at once. */
  private static final int MAX_PER_ROUTE = 64;
  private static final int MAX_TOTAL = 256;
  private static final TimeValue MAX_POOLED = TimeValue.ofSeconds(30);
  /**
   * A pooled connection idle at least this long is checked before reuse (a read that must time out after 1 ms).
   * Checking every reuse cost 1.2 ms of waiting per request on loopback (3,000 requests of a bench run spent 3.7 s
   * in the check); a connection reused within a second is as good as proven alive, since servers keep idle
   * connections for seconds (Node 5 s, nginx 75 s) and announce a close with {@code Connection: close}.
   */
  static final TimeValue VALIDATE_AFTER = TimeValue.ofSeconds(1);
  /** Headers the client frames itself; a request's own values are dropped. */
  private static final Set<String> RESTRICTED = Set.of("connection", "content-length", "expect", "host", "upgrade",
      "transfer-encoding", "te", "trailer", "keep-alive", "proxy-connection");
  private static final Set<String> WITH_BODY = Set.of("POST", "PUT", "PATCH");

  private final Duration connectTimeout;
  private final Duration requestTimeout;
  private final Duration idleTimeout;
  private final CloseableHttpClient client;

  /** A transport whose idle timeout is {@link #DEFAULT_IDLE_TIMEOUT} or the request timeout, the shorter. */
  public ApacheHttpTransport(Duration connectTimeout, Duration requestTimeout) {
    this(connectTimeout, requestTimeout, shorter(DEFAULT_IDLE_TIMEOUT, requestTimeout));
  }

  /**
   * @param connectTimeout the longest a TCP connect may take
   * @param requestTimeout the longest one whole exchange may take
   * @param idleTimeout the longest one read may wait for data
   */
  public ApacheHttpTransport(Duration connectTimeout, Duration requestTimeout, Duration idleTimeout) {
    this.connectTimeout = positive(connectTimeout, "connectTimeout");
    this.requestTimeout = positive(requestTimeout, "requestTimeout");
    this.idleTimeout = positive(idleTimeout, "idleTimeout");
    this.client = client(timeout(shorter(connectTimeout, requestTimeout)), timeout(idleTimeout),
        timeout(requestTimeout));
  }

  /** A transport with the default timeouts. */
  public static ApacheHttpTransport withDefaults() {
    return new ApacheHttpTransport(DEFAULT_CONNECT_TIMEOUT, DEFAULT_REQUEST_TIMEOUT);
  }

  private static CloseableHttpClient client(Timeout connect, Timeout idle, Timeout whole) {
    ConnectionConfig connection = ConnectionConfig.custom()
        .setConnectTimeout(connect)
        .setSocketTimeout(idle)
        .setValidateAfterInactivity(VALIDATE_AFTER) // reused after a pause: is the server still there?
        .build();
    return HttpClients.custom()
        .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
            .setDefaultConnectionConfig(connection)
            .setMaxConnPerRoute(MAX_PER_ROUTE)
            .setMaxConnTotal(MAX_TOTAL)
            .build())
        .setDefaultRequestConfig(RequestConfig.custom()
            .setResponseTimeout(idle)
            .setConnectionRequestTimeout(whole)
            .setConnectionKeepAlive(MAX_POOLED)
            .setRedirectsEnabled(false)
            .build())
        .disableAutomaticRetries()
        .disableRedirectHandling()
        .disableContentCompression() // decoded here, so wire and decoded sizes are both known
        .disableCookieManagement()
        .disableAuthCaching()
        .setUserAgent(USER_AGENT)
        .build();
  }

  @Override
  public ApiResponse send(ApiRequest request) throws IOException, InterruptedException {
    if (Thread.interrupted()) {
      throw new InterruptedException("interrupted before sending");
    }
    HttpUriRequestBase message = message(request);
    try (ExchangeDeadline deadline = new ExchangeDeadline(requestTimeout.toMillis(), message)) {
      try {
        return client.execute(message, ApacheHttpTransport::response);
      } catch (IOException e) {
        throw translate(e, deadline.expired());
      }
    }
  }

  private static HttpUriRequestBase message(ApiRequest request) {
    HttpUriRequestBase message = new HttpUriRequestBase(request.method(), request.uri());
    for (String name : request.headers().names()) {
      if (!RESTRICTED.contains(name.toLowerCase(Locale.ROOT))) {
        for (String value : request.headers().all(name)) {
          message.addHeader(checked(name, value), value);
        }
      }
    }
    if (!request.headers().contains("Accept-Encoding")) {
      message.addHeader("Accept-Encoding", "gzip");
    }
    byte[] body = request.body().map(b -> b.getBytes(StandardCharsets.UTF_8)).orElse(null);
    if (body != null || WITH_BODY.contains(request.method().toUpperCase(Locale.ROOT))) {
      message.setEntity(new ByteArrayEntity(body == null ? new byte[0] : body, null)); // framed: Content-Length
    }
    return message;
  }

  private static ApiResponse response(ClassicHttpResponse response) throws IOException {
    Map<String, List<String>> values = new LinkedHashMap<>();
    for (Header header : response.getHeaders()) {
      values.computeIfAbsent(header.getName().toLowerCase(Locale.ROOT), k -> new java.util.ArrayList<>())
          .add(header.getValue());
    }
    Headers headers = Headers.of(values);
    HttpEntity entity = response.getEntity();
    byte[] wire = new byte[0];
    if (entity != null) {
      OptionalLong length = entity.getContentLength() >= 0 ? OptionalLong.of(entity.getContentLength())
          : OptionalLong.empty();
      try (InputStream in = entity.getContent()) {
        wire = BodyReader.read(in, length, entity.isChunked());
      }
    }
    byte[] body = BodyReader.isGzip(headers) && wire.length > 0 ? BodyReader.gunzip(wire) : wire;
    return new ApiResponse(response.getCode(), headers, body, wire.length);
  }

  private IOException translate(IOException e, boolean expired) throws InterruptedException {
    if (Thread.currentThread().isInterrupted()) {
      Thread.interrupted();
      InterruptedException interrupted = new InterruptedException("interrupted while waiting for the response");
      interrupted.initCause(e);
      throw interrupted;
    }
    if (expired) {
      HttpTimeoutException timeout = new HttpTimeoutException("no complete response within the request timeout of "
          + requestTimeout.toMillis() + " ms (" + describe(e) + ")");
      timeout.initCause(e);
      return timeout;
    }
    if (e instanceof ConnectTimeoutException) {
      SocketTimeoutException timeout = new SocketTimeoutException(
          "connect timed out after " + shorter(connectTimeout, requestTimeout).toMillis() + " ms");
      timeout.initCause(e);
      return timeout;
    }
    if (e instanceof SocketTimeoutException) {
      SocketTimeoutException timeout = new SocketTimeoutException(
          "no data for " + idleTimeout.toMillis() + " ms (idle timeout) while reading the response");
      timeout.initCause(e);
      return timeout;
    }
    return e;
  }

  private static String checked(String name, String value) {
    if (name.isEmpty() || containsLineBreak(name) || containsLineBreak(value) || name.indexOf(':') >= 0) {
      throw new IllegalArgumentException("invalid HTTP header '" + name.replaceAll("\\p{Cntrl}", "?") + "'");
    }
    return name;
  }

  private static boolean containsLineBreak(String text) {
    return text.indexOf('\r') >= 0 || text.indexOf('\n') >= 0;
  }

  private static String describe(IOException e) {
    return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
  }

  private static Timeout timeout(Duration duration) {
    return Timeout.ofMilliseconds(duration.toMillis());
  }

  private static Duration positive(Duration duration, String name) {
    Objects.requireNonNull(duration, name);
    if (duration.isZero() || duration.isNegative()) {
      throw new IllegalArgumentException(name + " must be positive, got " + duration);
    }
    return duration;
  }

  private static Duration shorter(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  /** Closes the pooled connections. */
  @Override
  public void close() {
    client.close(CloseMode.IMMEDIATE);
  }

  @Override
  public String toString() {
    return "ApacheHttpTransport{requestTimeout=" + requestTimeout + ", idleTimeout=" + idleTimeout + "}";
  }
}
