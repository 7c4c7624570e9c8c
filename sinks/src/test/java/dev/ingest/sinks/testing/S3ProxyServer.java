package dev.ingest.sinks.testing;

import java.net.URI;
import java.util.Map;
import java.util.Properties;
import org.gaul.s3proxy.BlobStores;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;

/**
 * An S3-compatible server in this JVM (S3Proxy, in-memory "transient" backend, SigV2/V4 auth with fixed keys) on
 * a free loopback port, with one bucket {@value #BUCKET}. For tests that land tables on S3 through S3FileIO.
 */
public final class S3ProxyServer implements AutoCloseable {
  public static final String ACCESS_KEY = "ingest-access";
  public static final String SECRET_KEY = "ingest-secret-4b1f";
  public static final String BUCKET = "lake";
  public static final String REGION = "us-east-1";

  private final S3Proxy proxy;

  private S3ProxyServer(S3Proxy proxy) {
    this.proxy = proxy;
  }

  /** Starts the server and creates the bucket. */
  public static S3ProxyServer start() throws Exception {
    BlobStore store = BlobStores.create("transient-nio2", new Properties());
    S3Proxy proxy = S3Proxy.builder()
        .blobStore(store)
        .endpoint(URI.create("http://127.0.0.1:0"))
        .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
        .build();
    proxy.start();
    store.createContainer(BUCKET);
    return new S3ProxyServer(proxy);
  }

  /** The endpoint URL. */
  public String endpoint() {
    return "http://127.0.0.1:" + proxy.getPort();
  }

  /** S3FileIO properties for this server, without keys: endpoint, path-style access, region. */
  public Map<String, String> fileIoOptions() {
    return Map.of("s3.endpoint", endpoint(), "s3.path-style-access", "true", "client.region", REGION);
  }

  /** The secret fields an Ingest storage secret holds for this server. */
  public static Map<String, String> keysSecret() {
    return Map.of("access_key_id", ACCESS_KEY, "secret_access_key", SECRET_KEY);
  }

  @Override
  public void close() throws Exception {
    proxy.stop();
  }
}
