package dev.ingest.control.store;

/** A pipeline with the given name already exists. */
public final class PipelineExistsException extends StoreException {
  public PipelineExistsException(String name) {
    super("a pipeline named '" + name + "' already exists: update it with PUT, or choose another name");
  }
}
