package dev.ingest.sources.spec;

import java.io.Serializable;

/**
 * Where an endpoint's API states how many records the whole result holds (connector key {@code total}): a response
 * header ({@code total: {header: X-Total-Count}}) or a field of the response body ({@code total: {path: meta.total}},
 * a JSON path). Read from the first page of a run; the runs table records it as {@code api_total} beside
 * {@code rows}. Exactly one of the two is set.
 *
 * @param header the header's name, or null
 * @param path the body field's JSON path, or null
 */
public record TotalSpec(String header, String path) implements Serializable {
  public TotalSpec {
    if ((header == null) == (path == null)) {
      throw new IllegalArgumentException("a total is read from exactly one of header and path");
    }
  }

  /** The total stated in the header {@code name}. */
  public static TotalSpec header(String name) {
    return new TotalSpec(name, null);
  }

  /** The total stated in the body field at {@code path}. */
  public static TotalSpec path(String path) {
    return new TotalSpec(null, path);
  }
}
