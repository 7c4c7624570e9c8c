package dev.ingest.tools.bench;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A minimal HTTP/1.1 server for the pre-rendered pages of a {@link PageFile}: {@code GET /v1/events?offset=N&limit=M}
 * with a bearer token, keep-alive, one thread per connection (all named {@value #THREAD_PREFIX}…, so their CPU
 * time is reported apart from the client's). A response is a header and a byte range of the page file sent with
 * {@code transferTo}: no rendering, no copy through the Java heap. Plain JSON unless the server was started with
 * gzip and the request accepts it.
 */
final class PageServer implements AutoCloseable {
  static final String THREAD_PREFIX = "bench-server";
  private static final int MAX_HEADER_BYTES = 16 * 1024;
  private static final int IDLE_TIMEOUT_MS = 60_000;

  private final PageFile pages;
  private final String authorization;
  private final boolean gzip;
  private final ServerSocketChannel server;
  private final Thread acceptor;
  private final Set<SocketChannel> connections = ConcurrentHashMap.newKeySet();
  private final AtomicInteger connectionCount = new AtomicInteger();
  private final AtomicLong requests = new AtomicLong();
  private final AtomicLong firstRequestAtMs = new AtomicLong();
  private final java.util.concurrent.CountDownLatch firstRequest = new java.util.concurrent.CountDownLatch(1);
  private final AtomicLong bytesSent = new AtomicLong();
  private final Map<Integer, AtomicInteger> servedPages = new ConcurrentHashMap<>();

  /** Starts listening on loopback ({@code port} 0: any free port). */
  PageServer(PageFile pages, String token, boolean gzip, int port) throws IOException {
    if (gzip && pages.gzip() == null) {
      throw new IllegalArgumentException("gzip: the page file was rendered without gzipped pages");
    }
    this.pages = pages;
    this.authorization = "Bearer " + token;
    this.gzip = gzip;
    this.server = ServerSocketChannel.open().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
    this.acceptor = new Thread(this::accept, THREAD_PREFIX + "-accept");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /** True if it sends gzipped pages to clients that ask. */
  boolean gzip() {
    return gzip;
  }

  String baseUrl() throws IOException {
    InetSocketAddress address = (InetSocketAddress) server.getLocalAddress();
    return "http://" + address.getAddress().getHostAddress() + ":" + address.getPort();
  }

  /** Requests answered (any status). */
  long requests() {
    return requests.get();
  }

  /** When the first request arrived (epoch milliseconds; 0 before it). */
  long firstRequestAtMs() {
    return firstRequestAtMs.get();
  }

  /** Waits at most {@code timeout} for the first request; true when it arrived. */
  boolean awaitFirstRequest(java.time.Duration timeout) throws InterruptedException {
    return firstRequest.await(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
  }

  /** Bytes sent on the wire (headers and bodies). */
  long bytesSent() {
    return bytesSent.get();
  }

  /** Connections accepted so far. */
  int connections() {
    return connectionCount.get();
  }

  /** Data pages served at least once, i.e. the pages whose records a client received. */
  Set<Integer> servedPages() {
    return Set.copyOf(servedPages.keySet());
  }

  private void accept() {
    while (server.isOpen()) {
      try {
        SocketChannel channel = server.accept();
        channel.socket().setTcpNoDelay(true);
        channel.socket().setSoTimeout(IDLE_TIMEOUT_MS);
        connections.add(channel);
        Thread t = new Thread(() -> serve(channel), THREAD_PREFIX + "-" + connectionCount.incrementAndGet());
        t.setDaemon(true);
        t.start();
      } catch (ClosedChannelException closed) {
        return;
      } catch (IOException e) {
        if (!server.isOpen()) {
          return;
        }
      }
    }
  }

  private void serve(SocketChannel channel) {
    try (channel) {
      InputStream in = new BufferedInputStream(channel.socket().getInputStream(), 8192);
      byte[] header = new byte[MAX_HEADER_BYTES];
      boolean open = true;
      while (open) {
        int length = readHeader(in, header);
        if (length < 0) {
          return;
        }
        open = respond(channel, new String(header, 0, length, StandardCharsets.ISO_8859_1));
      }
    } catch (SocketTimeoutException | ClosedChannelException idle) {
      // the client went quiet or the server closed: drop the connection
    } catch (IOException e) {
      // the client closed mid-request
    } finally {
      connections.remove(channel);
    }
  }

  /** Reads up to the blank line ending a request header; -1 at a clean end of stream. */
  private static int readHeader(InputStream in, byte[] header) throws IOException {
    int n = 0;
    while (true) {
      int b = in.read();
      if (b < 0) {
        if (n == 0) {
          return -1;
        }
        throw new IOException("connection closed inside a request header");
      }
      if (n == header.length) {
        throw new IOException("request header longer than " + header.length + " bytes");
      }
      header[n++] = (byte) b;
      if (n >= 4 && header[n - 1] == '\n' && header[n - 2] == '\r' && header[n - 3] == '\n'
          && header[n - 4] == '\r') {
        return n;
      }
    }
  }

  /** Answers one request; returns whether the connection stays open. */
  private boolean respond(SocketChannel channel, String header) throws IOException {
    if (requests.incrementAndGet() == 1) {
      firstRequestAtMs.compareAndSet(0, System.currentTimeMillis());
      firstRequest.countDown();
    }
    String[] lines = header.split("\r\n");
    String[] requestLine = lines[0].split(" ");
    String auth = null;
    boolean acceptsGzip = false;
    boolean keepAlive = true;
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      if (colon < 0) {
        continue;
      }
      String name = lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT);
      String value = lines[i].substring(colon + 1).trim();
      switch (name) {
        case "authorization" -> auth = value;
        case "accept-encoding" -> acceptsGzip = value.toLowerCase(Locale.ROOT).contains("gzip");
        case "connection" -> keepAlive = !"close".equalsIgnoreCase(value);
        default -> { }
      }
    }
    if (requestLine.length != 3 || !"GET".equals(requestLine[0])) {
      return error(channel, 405, "only GET is served", false);
    }
    URI uri = URI.create(requestLine[1]);
    if (!PageFile.PATH.equals(uri.getPath())) {
      return error(channel, 404, "no such path: " + uri.getPath(), keepAlive);
    }
    if (!authorization.equals(auth)) {
      return error(channel, 401, "missing or wrong bearer token", keepAlive);
    }
    long offset = 0;
    long limit = pages.pageSize();
    for (String param : uri.getRawQuery() == null ? new String[0] : uri.getRawQuery().split("&")) {
      String[] kv = param.split("=", 2);
      try {
        if ("offset".equals(kv[0])) {
          offset = Long.parseLong(kv[1]);
        } else if ("limit".equals(kv[0])) {
          limit = Long.parseLong(kv[1]);
        }
      } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
        return error(channel, 400, "query parameter '" + kv[0] + "' is not a number", keepAlive);
      }
    }
    if (limit != pages.pageSize() || offset < 0 || offset % pages.pageSize() != 0) {
      return error(channel, 400, "pages are pre-rendered: limit must be " + pages.pageSize()
          + " and offset a non-negative multiple of it (got offset " + offset + ", limit " + limit + ")", keepAlive);
    }
    int page = pages.pageFor(offset);
    boolean zipped = gzip && acceptsGzip;
    PageFile.Rendered rendered = zipped ? pages.gzip() : pages.plain();
    long at = rendered.offsets()[page];
    int length = rendered.lengths()[page];
    String head = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + length + "\r\n"
        + (zipped ? "Content-Encoding: gzip\r\n" : "") + (keepAlive ? "" : "Connection: close\r\n") + "\r\n";
    write(channel, ByteBuffer.wrap(head.getBytes(StandardCharsets.ISO_8859_1)));
    long sent = 0;
    while (sent < length) {
      long n = rendered.channel().transferTo(at + sent, length - sent, channel);
      if (n <= 0) {
        throw new IOException("page file ends early at page " + page);
      }
      sent += n;
    }
    bytesSent.addAndGet(head.length() + length);
    if (page < pages.pages()) {
      servedPages.computeIfAbsent(page, p -> new AtomicInteger()).incrementAndGet();
    }
    return keepAlive;
  }

  private boolean error(SocketChannel channel, int status, String message, boolean keepAlive) throws IOException {
    byte[] body = ("{\"error\":{\"message\":\"" + message.replace("\"", "'") + "\"}}")
        .getBytes(StandardCharsets.UTF_8);
    String head = "HTTP/1.1 " + status + " Error\r\nContent-Type: application/json\r\nContent-Length: "
        + body.length + "\r\n" + (keepAlive ? "" : "Connection: close\r\n") + "\r\n";
    write(channel, ByteBuffer.wrap(head.getBytes(StandardCharsets.ISO_8859_1)));
    write(channel, ByteBuffer.wrap(body));
    bytesSent.addAndGet(head.length() + body.length);
    return keepAlive;
  }

  private static void write(SocketChannel channel, ByteBuffer buffer) throws IOException {
    while (buffer.hasRemaining()) {
      channel.write(buffer);
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
    for (SocketChannel c : connections) {
      c.close();
    }
    try {
      acceptor.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
