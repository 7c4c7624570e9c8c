package org.apache.iceberg.rest;

import java.util.HashMap;
import java.util.Map;

/**
 * Starts Iceberg's own REST catalog test server ({@code iceberg-open-api} test fixtures) on a free loopback port.
 * Lives in Iceberg's package because the server's constructor is package-private.
 */
public final class TestRestCatalogServers {
  private TestRestCatalogServers() {}

  /** A started server; {@code backend} configures its backing JDBC catalog (warehouse, FileIO). */
  public static Started start(Map<String, String> backend) throws Exception {
    Map<String, String> config = new HashMap<>(backend);
    int port = RCKUtils.findFreePort();
    config.put(RESTCatalogServer.REST_PORT, Integer.toString(port));
    RESTCatalogServer server = new RESTCatalogServer(config);
    server.start(false);
    return new Started(server, "http://127.0.0.1:" + port);
  }

  /** A running server and its base URI. */
  public record Started(RESTCatalogServer server, String uri) implements AutoCloseable {
    @Override
    public void close() throws Exception {
      server.stop();
    }
  }
}
