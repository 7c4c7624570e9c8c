package dev.ingest.testkit;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy in front of an HTTP/1.1 server that breaks sockets for real, by a scripted plan per request: it
 * reads each request a client sends on a keep-alive connection, counts it, asks the {@link Script} what to do with
 * it, and then forwards it to the upstream and relays the response whole, or
 *
 * <pre>
 *   RESET     closes the client socket with SO_LINGER 0 (a TCP RST) before any response byte
 *   TRUNCATE  sends the response head (with the full Content-Length) and half the body, then closes the socket
 *   STALL     sends the head and half the body, then goes silent with the socket open (until {@code stallFor})
 *   HANG      sends nothing at all with the socket open (until {@code stallFor})
 *   DRIP      sends the whole response one byte every {@code dripEvery} (complete but slow)
 * </pre>
 *
 * Faulted requests are not forwarded (the upstream sees only the requests that pass or drip). The upstream is
 * called on a fresh connection per request and its response re-framed with a {@code Content-Length}, so the client
 * side keeps its connection alive. Plain {@code java.net} sockets and one thread per client connection; every read
 * has a timeout and every stall ends by {@code stallFor} or {@link #close()}, so nothing here can hang a test.
 */
public final class FaultProxy implements AutoCloseable {
  /** What to do with one request. */
  public enum Fault { PASS, RESET, TRUNCATE, STALL, HANG, DRIP }

  /** The plan: the fault for the {@code n}-th request the proxy receives (1-based, in arrival order). */
  @FunctionalInterface
  public interface Script {
    Fault faultFor(int n);

    /** The same fault for every request. */
    static Script always(Fault fault) {
      return n -> fault;
    }

    /** The given faults for the first requests, then {@link Fault#PASS}. */
    static Script first(Fault... faults) {
      List<Fault> list = List.of(faults);
      return n -> n <= list.size() ? list.get(n - 1) : Fault.PASS;
    }

    /**
     * Each request faulted with probability {@code rate}, the fault chosen evenly among {@code faults}; the same
     * seed gives the same plan. Never faults more than {@code maxInARow} requests in a row, so a client with that
     * many retries always gets through.
     */
    static Script random(long seed, double rate, int maxInARow, Fault... faults) {
      java.util.Random random = new java.util.Random(seed);
      int[] row = {0};
      return n -> {
        synchronized (random) {
          boolean fault = random.nextDouble() < rate && row[0] < maxInARow;
          Fault chosen = faults[random.nextInt(faults.length)];
          row[0] = fault ? row[0] + 1 : 0;
          return fault ? chosen : Fault.PASS;
        }
      };
    }
  }

  private static final int MAX_HEAD = 64 * 1024;
  private static final int READ_TIMEOUT_MILLIS = 30_000;

  private final InetSocketAddress upstream;
  private final Script script;
  private final Duration stallFor;
  private final Duration dripEvery;
  private final ServerSocket server;
  private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "fault-proxy");
    t.setDaemon(true);
    return t;
  });
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private final CountDownLatch closed = new CountDownLatch(1);
  private final AtomicInteger connections = new AtomicInteger();
  private final AtomicInteger requests = new AtomicInteger();
  private final Map<Fault, AtomicInteger> faults = new EnumMap<>(Fault.class);

  private FaultProxy(InetSocketAddress upstream, Script script, Duration stallFor, Duration dripEvery)
      throws IOException {
    this.upstream = upstream;
    this.script = script;
    this.stallFor = stallFor;
    this.dripEvery = dripEvery;
    for (Fault fault : Fault.values()) {
      faults.put(fault, new AtomicInteger());
    }
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    threads.execute(this::accept);
  }

  /**
   * Starts a proxy on a free loopback port in front of {@code upstreamPort} on 127.0.0.1.
   *
   * @param stallFor how long STALL and HANG keep the socket silent before closing it
   * @param dripEvery the pause between two bytes of a DRIP response
   */
  public static FaultProxy start(int upstreamPort, Script script, Duration stallFor, Duration dripEvery)
      throws IOException {
    return new FaultProxy(new InetSocketAddress(InetAddress.getLoopbackAddress(), upstreamPort), script, stallFor,
        dripEvery);
  }

  /** A proxy whose stalls last 60 s and whose drips send a byte every 5 ms. */
  public static FaultProxy start(int upstreamPort, Script script) throws IOException {
    return start(upstreamPort, script, Duration.ofSeconds(60), Duration.ofMillis(5));
  }

  /** The loopback port clients connect to. */
  public int port() {
    return server.getLocalPort();
  }

  /** {@code http://127.0.0.1:port}. */
  public String baseUrl() {
    return "http://127.0.0.1:" + port();
  }

  /** TCP connections accepted so far. */
  public int connections() {
    return connections.get();
  }

  /** Requests received so far (whole request heads read from clients), faulted or not. */
  public int requests() {
    return requests.get();
  }

  /** Requests that got {@code fault} so far. */
  public int count(Fault fault) {
    return faults.get(fault).get();
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        connections.incrementAndGet();
        open.add(client);
        threads.execute(() -> serve(client));
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  private void serve(Socket client) {
    try (client) {
      client.setSoTimeout(READ_TIMEOUT_MILLIS);
      InputStream in = client.getInputStream();
      OutputStream out = client.getOutputStream();
      while (true) {
        byte[] request = readRequest(in);
        if (request == null) {
          return; // the client closed its connection
        }
        Fault fault = script.faultFor(requests.incrementAndGet());
        faults.get(fault).incrementAndGet();
        if (!apply(fault, client, out, request)) {
          return;
        }
      }
    } catch (IOException e) {
      // the client went away or a fault closed the socket
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      open.remove(client);
    }
  }

  /** Applies {@code fault} to one request; true when the connection may carry another request. */
  private boolean apply(Fault fault, Socket client, OutputStream out, byte[] request)
      throws IOException, InterruptedException {
    switch (fault) {
      case RESET -> {
        client.setSoLinger(true, 0);
        client.close();
        return false;
      }
      case HANG -> {
        closed.await(stallFor.toMillis(), TimeUnit.MILLISECONDS);
        return false;
      }
      default -> {
        byte[] response = forward(request);
        int headEnd = indexOf(response, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1)) + 4;
        int half = headEnd + (response.length - headEnd) / 2;
        switch (fault) {
          case TRUNCATE -> {
            out.write(response, 0, half);
            out.flush();
            return false;
          }
          case STALL -> {
            out.write(response, 0, half);
            out.flush();
            closed.await(stallFor.toMillis(), TimeUnit.MILLISECONDS);
            return false;
          }
          case DRIP -> {
            for (byte b : response) {
              out.write(b);
              out.flush();
              if (closed.await(dripEvery.toMillis(), TimeUnit.MILLISECONDS)) {
                return false;
              }
            }
            return true;
          }
          default -> {
            out.write(response);
            out.flush();
            return true;
          }
        }
      }
    }
  }

  /** One request from the client (head and Content-Length body), or null at a clean end of stream. */
  private static byte[] readRequest(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    byte[] end = {'\r', '\n', '\r', '\n'};
    while (matched < 4) {
      int b = in.read();
      if (b < 0) {
        if (head.size() == 0) {
          return null;
        }
        throw new EOFException("request head cut short");
      }
      head.write(b);
      matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
      if (head.size() > MAX_HEAD) {
        throw new IOException("request head too long");
      }
    }
    long length = contentLength(head.toString(StandardCharsets.ISO_8859_1));
    byte[] body = in.readNBytes((int) length);
    if (body.length < length) {
      throw new EOFException("request body cut short");
    }
    head.write(body);
    return head.toByteArray();
  }

  /** Sends {@code request} to the upstream on a new connection; the response re-framed with Content-Length. */
  private byte[] forward(byte[] request) throws IOException {
    String text = new String(request, StandardCharsets.ISO_8859_1);
    int headEnd = text.indexOf("\r\n\r\n");
    List<String> lines = new ArrayList<>(List.of(text.substring(0, headEnd).split("\r\n")));
    lines.removeIf(line -> line.toLowerCase(Locale.ROOT).startsWith("connection:"));
    lines.add("Connection: close");
    byte[] head = (String.join("\r\n", lines) + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
    try (Socket socket = new Socket()) {
      open.add(socket);
      socket.connect(upstream, READ_TIMEOUT_MILLIS);
      socket.setSoTimeout(READ_TIMEOUT_MILLIS);
      OutputStream out = socket.getOutputStream();
      out.write(head);
      out.write(request, headEnd + 4, request.length - headEnd - 4);
      out.flush();
      return reframe(socket.getInputStream().readAllBytes());
    } finally {
      open.removeIf(Socket::isClosed);
    }
  }

  private static byte[] reframe(byte[] response) throws IOException {
    int headEnd = indexOf(response, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
    if (headEnd < 0) {
      throw new IOException("upstream response has no complete head");
    }
    String[] lines = new String(response, 0, headEnd, StandardCharsets.ISO_8859_1).split("\r\n");
    byte[] body = java.util.Arrays.copyOfRange(response, headEnd + 4, response.length);
    StringBuilder head = new StringBuilder(lines[0]).append("\r\n");
    boolean chunked = false;
    for (int i = 1; i < lines.length; i++) {
      String name = lines[i].substring(0, Math.max(0, lines[i].indexOf(':'))).trim().toLowerCase(Locale.ROOT);
      if (name.equals("transfer-encoding")) {
        chunked = lines[i].toLowerCase(Locale.ROOT).contains("chunked");
      } else if (!Set.of("connection", "content-length", "keep-alive").contains(name)) {
        head.append(lines[i]).append("\r\n");
      }
    }
    if (chunked) {
      body = dechunk(body);
    }
    head.append("Content-Length: ").append(body.length).append("\r\n\r\n");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
    out.write(body);
    return out.toByteArray();
  }

  private static byte[] dechunk(byte[] body) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int at = 0;
    while (true) {
      int lineEnd = indexOf(body, at, new byte[] {'\r', '\n'}) - at;
      if (lineEnd < 0) {
        throw new IOException("upstream chunked body cut short");
      }
      String size = new String(body, at, lineEnd, StandardCharsets.ISO_8859_1).split(";")[0].trim();
      int n = Integer.parseInt(size, 16);
      at += lineEnd + 2;
      if (n == 0) {
        return out.toByteArray();
      }
      out.write(body, at, n);
      at += n + 2;
    }
  }

  private static long contentLength(String head) {
    for (String line : head.split("\r\n")) {
      if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
        return Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
      }
    }
    return 0;
  }

  private static int indexOf(byte[] data, byte[] pattern) {
    return indexOf(data, 0, pattern);
  }

  private static int indexOf(byte[] data, int from, byte[] pattern) {
    outer:
    for (int i = from; i + pattern.length <= data.length; i++) {
      for (int j = 0; j < pattern.length; j++) {
        if (data[i + j] != pattern[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  /** Stops accepting, ends every stall and closes every socket. */
  @Override
  public void close() {
    closed.countDown();
    try {
      server.close();
    } catch (IOException e) {
      // closing anyway
    }
    for (Socket socket : open) {
      try {
        socket.close();
      } catch (IOException e) {
        // closing anyway
      }
    }
    threads.shutdownNow();
  }

  @Override
  public String toString() {
    return "FaultProxy{port=" + port() + ", upstream=" + upstream.getPort() + ", connections=" + connections()
        + ", requests=" + requests() + "}";
  }
}
