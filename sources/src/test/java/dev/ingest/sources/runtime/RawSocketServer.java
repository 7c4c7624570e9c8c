package dev.ingest.sources.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An HTTP "server" written on a bare {@link ServerSocket}, for answers no real server library would give: it reads
 * each request head and answers the {@code n}-th request of the run as its script says: a whole JSON response,
 * headers and half the body then silence, a body cut short by closing the socket, or no answer at all. Silences
 * end when the server closes (at most {@link #SILENCE_MILLIS}); every thread is a daemon.
 */
final class RawSocketServer implements AutoCloseable {
  static final long SILENCE_MILLIS = 60_000;

  /** How to answer one request. */
  enum Answer { WHOLE, HALF_BODY_THEN_SILENCE, CUT_BY_CLOSE, NEVER }

  private final ServerSocket server;
  private final String body;
  private final List<Answer> script;
  private final AtomicInteger requests = new AtomicInteger();
  private final AtomicInteger connections = new AtomicInteger();
  private final CountDownLatch closed = new CountDownLatch(1);
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();

  /** Answers request {@code n} with {@code script[n-1]}, requests after the script {@link Answer#WHOLE}. */
  RawSocketServer(String body, Answer... script) throws IOException {
    this.body = body;
    this.script = List.of(script);
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread acceptor = new Thread(this::accept, "raw-socket-server");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  String baseUrl() {
    return "http://127.0.0.1:" + server.getLocalPort();
  }

  int requests() {
    return requests.get();
  }

  int connections() {
    return connections.get();
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket socket = server.accept();
        connections.incrementAndGet();
        open.add(socket);
        Thread thread = new Thread(() -> serve(socket), "raw-socket-connection");
        thread.setDaemon(true);
        thread.start();
      } catch (IOException e) {
        return;
      }
    }
  }

  private void serve(Socket socket) {
    try (socket) {
      socket.setSoTimeout((int) SILENCE_MILLIS);
      InputStream in = socket.getInputStream();
      OutputStream out = socket.getOutputStream();
      while (readHead(in)) {
        int n = requests.incrementAndGet();
        Answer answer = n <= script.size() ? script.get(n - 1) : Answer.WHOLE;
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        byte[] head = ("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + bytes.length
            + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
        switch (answer) {
          case WHOLE -> {
            out.write(head);
            out.write(bytes);
            out.flush();
          }
          case HALF_BODY_THEN_SILENCE, CUT_BY_CLOSE -> {
            out.write(head);
            out.write(bytes, 0, bytes.length / 2);
            out.flush();
            if (answer == Answer.HALF_BODY_THEN_SILENCE) {
              closed.await(SILENCE_MILLIS, TimeUnit.MILLISECONDS);
            }
            return;
          }
          case NEVER -> {
            closed.await(SILENCE_MILLIS, TimeUnit.MILLISECONDS);
            return;
          }
          default -> throw new IllegalStateException(answer.name());
        }
      }
    } catch (IOException e) {
      // the client closed the connection
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      open.remove(socket);
    }
  }

  /** Reads one request head (the tests send no request bodies); false at end of stream. */
  private static boolean readHead(InputStream in) throws IOException {
    int last4 = 0;
    for (int b; (b = in.read()) >= 0; ) {
      last4 = (last4 << 8) | b;
      if (last4 == ('\r' << 24 | '\n' << 16 | '\r' << 8 | '\n')) {
        return true;
      }
    }
    return false;
  }

  @Override
  public void close() throws IOException {
    closed.countDown();
    server.close();
    for (Socket socket : open) {
      socket.close();
    }
  }
}
