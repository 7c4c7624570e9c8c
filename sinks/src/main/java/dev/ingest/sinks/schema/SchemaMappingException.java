package dev.ingest.sinks.schema;

/** A declared JSON Schema that Ingest cannot map; {@link #path()} names the offending property. */
public class SchemaMappingException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  private final String path;

  /** Creates the exception; the message is {@code "<path>: <problem>"}. */
  public SchemaMappingException(String path, String problem) {
    super(path + ": " + problem);
    this.path = path;
  }

  /** The property path, e.g. {@code assignee.email} or {@code tags.items}; {@code (root)} for the schema itself. */
  public String path() {
    return path;
  }
}
