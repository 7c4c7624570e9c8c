package dev.ingest.sources.airbyte.manifest;

/** Component paths as refusals print them: {@code streams[3].retriever.record_selector.extractor}. */
public final class ManifestPaths {
  private ManifestPaths() {}

  /** {@code parent.key}, or {@code key} at the root. */
  public static String child(String parent, String key) {
    return parent.isEmpty() ? key : parent + "." + key;
  }

  /** {@code parent[index]}. */
  public static String element(String parent, int index) {
    return parent + "[" + index + "]";
  }
}
