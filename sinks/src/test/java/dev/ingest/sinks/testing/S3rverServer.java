package dev.ingest.sinks.testing;

import dev.ingest.testkit.ExternalServer;
import dev.ingest.testkit.NodeTools;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * s3rver (npm, an S3-compatible server this project did not write) as a child process on a free loopback port,
 * with its objects under {@code dir} and one bucket {@value #BUCKET} created at start-up ({@code --configure-bucket}).
 * s3rver signs with its built-in account ({@value #ACCESS_KEY} / {@value #SECRET_KEY}) and refuses other keys with
 * {@code InvalidAccessKeyId}; it does not decode {@code aws-chunked} uploads.
 */
public final class S3rverServer implements AutoCloseable {
  public static final String BUCKET = "lake";
  public static final String ACCESS_KEY = "S3RVER";
  public static final String SECRET_KEY = "S3RVER";
  public static final String REGION = "us-east-1";

  private final ExternalServer server;

  private S3rverServer(ExternalServer server) {
    this.server = server;
  }

  /** Installs (if needed) and starts s3rver; fails under CI or skips locally when npm cannot provide it. */
  public static S3rverServer start(Path dir) throws Exception {
    Path exe = NodeTools.require("s3rver");
    int port = ExternalServer.freePort();
    ExternalServer server = ExternalServer.start("s3rver", List.of(exe.toString(), "-d", dir.resolve("data").toString(),
        "-a", "127.0.0.1", "-p", Integer.toString(port), "--configure-bucket", BUCKET), dir, port,
        Duration.ofSeconds(30));
    return new S3rverServer(server);
  }

  /** The endpoint URL. */
  public String endpoint() {
    return server.url();
  }

  /** What s3rver printed so far (one line per request). */
  public String log() {
    return server.logText();
  }

  /** The secret fields an Ingest storage secret holds for this server. */
  public static Map<String, String> keysSecret() {
    return Map.of("access_key_id", ACCESS_KEY, "secret_access_key", SECRET_KEY);
  }

  @Override
  public void close() {
    server.close();
  }
}
