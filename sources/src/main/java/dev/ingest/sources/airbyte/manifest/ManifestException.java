package dev.ingest.sources.airbyte.manifest;

/**
 * A manifest cannot be loaded or run: the component's path ({@code streams[3].retriever.record_selector.extractor})
 * and why. Messages never hold config or secret values.
 */
public class ManifestException extends Exception {
  private static final long serialVersionUID = 1L;
  private final String path;
  private final String reason;

  public ManifestException(String path, String reason) {
    super(path.isEmpty() ? reason : path + ": " + reason);
    this.path = path;
    this.reason = reason;
  }

  /** The component path, empty for the manifest as a whole. */
  public String path() {
    return path;
  }

  /** Why, without the path. */
  public String reason() {
    return reason;
  }
}
