package dev.ingest.sources.http;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.ClosedByInterruptException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.zip.GZIPInputStream;

/**
 * {@link HttpTransport} over the JDK's sockets and TLS: HTTP/1.1 with keep-alive, {@code Accept-Encoding: gzip}
 * with transparent decoding, redirects not followed (a 3xx is reported as a response: following it would forward
 * credentials to wherever it points). One {@link #send} is exactly one attempt on the wire: nothing is retried
 * here, not even a connection the server closed while it sat in the pool, so the retry policy sees and counts
 * every attempt (the JDK's {@code HttpClient} silently resends a request once after a refused connect or a reset
 * on a pooled connection, which is why it is not used).
 *
 * <p>Timeouts, each failing the attempt with an {@link IOException} the retry policy classifies as {@code NETWORK}:
 * <ul>
 *   <li>connect timeout: the TCP connect;
 *   <li>idle timeout: every single read (response head and body) waits at most this long for data;
 *   <li>request timeout: the whole exchange, from connect through the last byte of the body; a timer closes the
 *       socket when it passes, so neither a stalled body nor a slow drip can hold a fetch longer.
 * </ul>
 * An interrupt of the sending thread closes the connection and ends the send with {@link InterruptedException}.
 */
public final class JdkHttpTransport implements HttpTransport {
  /** Default connect timeout. */
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
  /** Default timeout of one whole exchange: connect, request, response headers and body. */
  public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(60);
  /** Longest idle read by default (capped by the request timeout). */
  public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(30);
  private static final String USER_AGENT = "ingest/0.1";
  private static final int MAX_IDLE_PER_ORIGIN = 16;
  private static final long MAX_POOLED_MILLIS = 30_000;

  private final Duration connectTimeout;
  private final Duration requestTimeout;
  private final Duration idleTimeout;
  private final ConnectionPool pool = new ConnectionPool(MAX_IDLE_PER_ORIGIN, MAX_POOLED_MILLIS);

  /** A transport whose idle timeout is {@link #DEFAULT_IDLE_TIMEOUT} or the request timeout, the shorter. */
  public JdkHttpTransport(Duration connectTimeout, Duration requestTimeout) {
    this(connectTimeout, requestTimeout, shorter(DEFAULT_IDLE_TIMEOUT, requestTimeout));
  }

  /**
   * @param connectTimeout the longest a TCP connect may take
   * @param requestTimeout the longest one whole exchange may take
   * @param idleTimeout the longest one read may wait for data
   */
  public JdkHttpTransport(Duration connectTimeout, Duration requestTimeout, Duration idleTimeout) {
    this.connectTimeout = positive(connectTimeout, "connectTimeout");
    this.requestTimeout = positive(requestTimeout, "requestTimeout");
    this.idleTimeout = positive(idleTimeout, "idleTimeout");
  }

  /** A transport with the default timeouts. */
  public static JdkHttpTransport withDefaults() {
    return new JdkHttpTransport(DEFAULT_CONNECT_TIMEOUT, DEFAULT_REQUEST_TIMEOUT);
  }

  @Override
  public ApiResponse send(ApiRequest request) throws IOException, InterruptedException {
    if (Thread.interrupted()) {
      throw new InterruptedException("interrupted before sending");
    }
    HttpConnection.Origin origin = HttpConnection.Origin.of(request.uri());
    List<String[]> extra = new ArrayList<>(2);
    if (!request.headers().contains("Accept-Encoding")) {
      extra.add(new String[] {"Accept-Encoding", "gzip"});
    }
    if (!request.headers().contains("User-Agent")) {
      extra.add(new String[] {"User-Agent", USER_AGENT});
    }
    HttpConnection connection = null;
    HttpWire.Response wire;
    try (ExchangeDeadline deadline = new ExchangeDeadline(requestTimeout.toMillis())) {
      try {
        connection = pool.take(origin, System.currentTimeMillis()).orElse(null);
        if (connection == null) {
          connection = HttpConnection.open(origin, shorter(connectTimeout, requestTimeout), idleTimeout, deadline);
        } else {
          deadline.watch(connection.socket());
        }
        wire = connection.exchange(request, extra);
      } catch (IOException | RuntimeException e) {
        if (connection != null) {
          connection.close(); // a connection that failed mid-exchange is never reused
        }
        if (e instanceof RuntimeException unchecked) {
          throw unchecked;
        }
        throw translate((IOException) e, deadline.expired());
      }
    }
    if (wire.reusable()) {
      pool.release(connection, System.currentTimeMillis());
    } else {
      connection.close();
    }
    Headers headers = Headers.of(wire.headers());
    byte[] entity = wire.entity();
    byte[] body = isGzip(headers) && entity.length > 0 ? gunzip(entity) : entity;
    return new ApiResponse(wire.status(), headers, body, entity.length);
  }

  private IOException translate(IOException e, boolean expired) throws InterruptedException {
    if (e instanceof ClosedByInterruptException || Thread.currentThread().isInterrupted()) {
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
    if (e instanceof SocketTimeoutException) {
      SocketTimeoutException timeout = new SocketTimeoutException(isConnect(e)
          ? "connect timed out after " + shorter(connectTimeout, requestTimeout).toMillis() + " ms"
          : "no data for " + idleTimeout.toMillis() + " ms (idle timeout) while reading the response");
      timeout.initCause(e);
      return timeout;
    }
    return e;
  }

  private static boolean isConnect(IOException e) {
    return String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT).contains("connect");
  }

  private static String describe(IOException e) {
    return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
  }

  private static boolean isGzip(Headers headers) {
    return headers.first("Content-Encoding")
        .map(v -> v.trim().toLowerCase(Locale.ROOT))
        .filter(v -> v.equals("gzip") || v.equals("x-gzip"))
        .isPresent();
  }

  /** The decoded body, at most {@link HttpWire#MAX_BODY} bytes (a small gzip body can decode to gigabytes). */
  private static byte[] gunzip(byte[] wire) throws IOException {
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(wire))) {
      byte[] body = in.readNBytes((int) HttpWire.MAX_BODY + 1);
      if (body.length > HttpWire.MAX_BODY) {
        throw new IOException("gzip response body decodes to more than " + HttpWire.MAX_BODY + " bytes");
      }
      return body;
    } catch (java.io.EOFException e) {
      throw new IOException("truncated gzip body", e);
    }
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

  /** Closes the idle pooled connections. */
  @Override
  public void close() {
    pool.close();
  }

  @Override
  public String toString() {
    return "JdkHttpTransport{requestTimeout=" + requestTimeout + ", idleTimeout=" + idleTimeout + "}";
  }
}
