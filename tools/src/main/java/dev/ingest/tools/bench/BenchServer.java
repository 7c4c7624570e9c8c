package dev.ingest.tools.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * {@code ./ingest bench serve}: the benchmark's pre-rendered pages ({@link PageFile}) behind {@link PageServer} in
 * a process of their own, for measuring {@code ./ingest run --once} from outside (wall clock with JVM start, peak
 * RSS, the time from the launcher's start to the first request, printed as {@code first request at epoch ms N})
 * against the same pages {@code bench e2e} uses. Serves until the process is stopped.
 */
public final class BenchServer {
  private BenchServer() {}

  /** Renders {@code records} records into {@code dir}, serves them on loopback {@code port} and blocks. */
  public static void serve(Path dir, long records, boolean gzip, int port, String token, PrintStream log)
      throws IOException, InterruptedException {
    if (token == null || token.isBlank()) {
      throw new IllegalArgumentException("token: expected a non-empty bearer token");
    }
    PageFile pages = PageFile.render(dir, records, 100, gzip);
    PageServer server = new PageServer(pages, token, gzip, port);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        server.close();
        pages.close();
      } catch (IOException e) {
        // exiting anyway; the page files are in a temporary directory
      }
      stopped.countDown();
    }, "bench-serve-shutdown"));
    log.printf("serving %,d records (%,.0f bytes of JSON each, 100 per page%s) at %s%s (GET %s?offset=N&limit=100,"
        + " bearer token); stop with Ctrl-C%n", records, pages.recordJsonBytes(), gzip ? ", gzip when asked" : "",
        server.baseUrl(), "", PageFile.PATH);
    // for "CLI start to first request": the launcher's start time (date +%s%3N) against this line
    Thread first = new Thread(() -> {
      try {
        if (server.awaitFirstRequest(java.time.Duration.ofHours(24))) {
          log.printf("first request at epoch ms %d%n", server.firstRequestAtMs());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "bench-serve-first-request");
    first.setDaemon(true);
    first.start();
    stopped.await();
  }
}
