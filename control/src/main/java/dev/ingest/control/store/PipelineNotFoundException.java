package dev.ingest.control.store;

/** No pipeline has the given name. */
public final class PipelineNotFoundException extends StoreException {
  public PipelineNotFoundException(String name) {
    super("no pipeline named '" + name + "'");
  }
}
