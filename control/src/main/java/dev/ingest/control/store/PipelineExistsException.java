package dev.ingest.control.store;

/** A pipeline with the given name already exists. */
public final class PipelineExistsException extends StoreException {
  public PipelineExistsException(String name) {
    super("a pipeline named '" + name + "' already exists: choose another name, or edit the existing one");
  }
}
