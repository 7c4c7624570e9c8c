package dev.ingest.jobs.lineage;

import java.io.Serializable;
import java.net.URI;
import java.util.Locale;
import java.util.Objects;

/**
 * One endpoint's pair of OpenLineage datasets: the API endpoint it reads (namespace: the connector's base URL
 * without credentials, query or fragment; name: the endpoint's name) and the Iceberg table it writes (named after
 * OpenLineage's naming spec for files and object stores: namespace the scheme and authority of the table's
 * location, such as {@code s3://bucket} or {@code file}; name its path).
 *
 * @param endpoint the connector's endpoint name
 * @param inputNamespace the API's namespace
 * @param outputNamespace the table location's namespace
 * @param outputName the table location's path
 * @param table the Iceberg table identifier ({@code pipeline.table}), to read its commits' statistics
 */
public record LineageDataset(String endpoint, String inputNamespace, String outputNamespace, String outputName,
    String table) implements Serializable {
  public LineageDataset {
    Objects.requireNonNull(endpoint, "endpoint");
    Objects.requireNonNull(inputNamespace, "inputNamespace");
    Objects.requireNonNull(outputNamespace, "outputNamespace");
    Objects.requireNonNull(outputName, "outputName");
    Objects.requireNonNull(table, "table");
  }

  /** The datasets of {@code endpoint} reading {@code baseUrl} into the table at {@code tableLocation}. */
  public static LineageDataset of(String endpoint, String baseUrl, String table, String tableLocation) {
    URI location = URI.create(tableLocation.replace(" ", "%20"));
    String scheme = location.getScheme() == null ? "file" : location.getScheme().toLowerCase(Locale.ROOT);
    String outputNamespace = location.getAuthority() == null || scheme.equals("file")
        ? "file" : scheme + "://" + location.getAuthority();
    String path = location.getPath() == null ? tableLocation : location.getPath();
    return new LineageDataset(endpoint, apiNamespace(baseUrl), outputNamespace, path, table);
  }

  /** {@code baseUrl} with scheme, host, port and path only: no user info, query or fragment. */
  static String apiNamespace(String baseUrl) {
    URI uri = URI.create(baseUrl.trim());
    String port = uri.getPort() < 0 ? "" : ":" + uri.getPort();
    String path = uri.getPath() == null || uri.getPath().equals("/") ? "" : uri.getPath();
    path = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    return uri.getScheme().toLowerCase(Locale.ROOT) + "://" + uri.getHost() + port + path;
  }
}
