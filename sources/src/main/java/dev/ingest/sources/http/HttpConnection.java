package dev.ingest.sources.http;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * One HTTP/1.1 connection to an {@link Origin}: a blocking socket channel (so an interrupt of the calling thread
 * closes it), TLS with host-name verification for {@code https}, a read timeout on every read (the idle timeout).
 * Sends one request at a time and reads its response with {@link HttpWire}. Not thread-safe; {@link #abort()} may
 * be called from any thread and makes a blocked read or write fail at once.
 */
final class HttpConnection implements AutoCloseable {
  private static final Set<String> RESTRICTED = Set.of("connection", "content-length", "expect", "host", "upgrade",
      "transfer-encoding", "te", "trailer", "keep-alive", "proxy-connection");

  /** Where a connection goes: scheme, host (IPv6 without brackets) and port. */
  record Origin(String scheme, String host, int port) {
    static Origin of(URI uri) throws IOException {
      String scheme = String.valueOf(uri.getScheme()).toLowerCase(Locale.ROOT);
      if (!scheme.equals("http") && !scheme.equals("https")) {
        throw new IOException("unsupported URL scheme '" + scheme + "' (http or https)");
      }
      String host = uri.getHost();
      if (host == null || host.isEmpty()) {
        throw new IOException("URL has no host");
      }
      if (host.startsWith("[") && host.endsWith("]")) {
        host = host.substring(1, host.length() - 1);
      }
      int port = uri.getPort() >= 0 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
      return new Origin(scheme, host, port);
    }

    boolean tls() {
      return scheme.equals("https");
    }

    /** The {@code Host} header value. */
    String authority() {
      String name = host.contains(":") ? "[" + host + "]" : host;
      return port == (tls() ? 443 : 80) ? name : name + ":" + port;
    }
  }

  private final Origin origin;
  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;
  private final int idleMillis;
  private long idleSince;

  private HttpConnection(Origin origin, Socket socket, int idleMillis) throws IOException {
    this.origin = origin;
    this.socket = socket;
    this.idleMillis = idleMillis;
    this.in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
    this.out = new BufferedOutputStream(socket.getOutputStream(), 8 * 1024);
  }

  /**
   * Opens a connection; the caller's deadline (see {@link ExchangeDeadline}) bounds the TLS handshake.
   *
   * @param connectTimeout the longest the TCP connect may take
   * @param idle the longest any single read may wait for data
   */
  static HttpConnection open(Origin origin, Duration connectTimeout, Duration idle, ExchangeDeadline deadline)
      throws IOException {
    SocketChannel channel = SocketChannel.open();
    Socket socket = channel.socket();
    deadline.watch(socket);
    try {
      socket.setTcpNoDelay(true);
      socket.connect(new InetSocketAddress(origin.host(), origin.port()), millis(connectTimeout));
      socket.setSoTimeout(millis(idle));
      if (origin.tls()) {
        SSLSocket tls = (SSLSocket) ((SSLSocketFactory) SSLSocketFactory.getDefault())
            .createSocket(socket, origin.host(), origin.port(), true);
        SSLParameters parameters = tls.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        if (!origin.host().contains(":") && !origin.host().matches("[0-9.]+")) {
          parameters.setServerNames(List.of(new SNIHostName(origin.host())));
        }
        tls.setSSLParameters(parameters);
        deadline.watch(tls);
        tls.startHandshake();
        socket = tls;
      }
      return new HttpConnection(origin, socket, millis(idle));
    } catch (IOException | RuntimeException e) {
      socket.close();
      throw e;
    }
  }

  Origin origin() {
    return origin;
  }

  Socket socket() {
    return socket;
  }

  /** Sends {@code request} (head and body) and reads its response. */
  HttpWire.Response exchange(ApiRequest request, List<String[]> extraHeaders) throws IOException {
    byte[] body = request.body().map(b -> b.getBytes(StandardCharsets.UTF_8)).orElse(null);
    StringBuilder head = new StringBuilder(256);
    URI uri = request.uri();
    String target = (uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath())
        + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    head.append(request.method()).append(' ').append(target).append(" HTTP/1.1\r\n");
    header(head, "Host", origin.authority());
    for (String name : request.headers().names()) {
      if (!RESTRICTED.contains(name.toLowerCase(Locale.ROOT))) {
        for (String value : request.headers().all(name)) {
          header(head, name, value);
        }
      }
    }
    for (String[] header : extraHeaders) {
      header(head, header[0], header[1]);
    }
    if (body != null || List.of("POST", "PUT", "PATCH").contains(request.method().toUpperCase(Locale.ROOT))) {
      header(head, "Content-Length", Integer.toString(body == null ? 0 : body.length));
    }
    head.append("\r\n");
    out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
    if (body != null) {
      out.write(body);
    }
    out.flush();
    return HttpWire.read(in, request.method());
  }

  private static void header(StringBuilder head, String name, String value) {
    if (name.isEmpty() || containsLineBreak(name) || containsLineBreak(value) || name.indexOf(':') >= 0) {
      throw new IllegalArgumentException("invalid HTTP header '" + name.replaceAll("\\p{Cntrl}", "?") + "'");
    }
    head.append(name).append(": ").append(value).append("\r\n");
  }

  private static boolean containsLineBreak(String text) {
    return text.indexOf('\r') >= 0 || text.indexOf('\n') >= 0;
  }

  /** Marks the connection idle (back in the pool) now. */
  void idle(long nowMillis) {
    idleSince = nowMillis;
  }

  long idleSince() {
    return idleSince;
  }

  /**
   * True when the server has not closed the idle connection: a read that waits at most 1 ms must time out; an
   * end of stream (the server closed it) or unexpected bytes mean the connection cannot carry a request.
   */
  boolean stillOpen() {
    if (socket.isClosed()) {
      return false;
    }
    try {
      socket.setSoTimeout(1);
      in.read();
      return false; // end of stream, or bytes nobody asked for
    } catch (SocketTimeoutException e) {
      return true;
    } catch (IOException e) {
      return false;
    } finally {
      try {
        socket.setSoTimeout(idleMillis);
      } catch (IOException e) {
        abort();
      }
    }
  }

  /** Closes the socket at once; a blocked read or write on another thread fails. Never throws. */
  void abort() {
    try {
      socket.close();
    } catch (IOException e) {
      // closing anyway
    }
  }

  @Override
  public void close() {
    abort();
  }

  private static int millis(Duration duration) {
    return (int) Math.max(1, Math.min(Integer.MAX_VALUE, duration.toMillis()));
  }
}
