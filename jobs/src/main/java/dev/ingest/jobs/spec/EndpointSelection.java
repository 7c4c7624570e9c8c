package dev.ingest.jobs.spec;

import java.io.Serializable;
import java.util.Objects;

/** One endpoint ticked in a pipeline, with its write mode. */
public record EndpointSelection(String name, WriteMode writeMode) implements Serializable {
  public EndpointSelection {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(writeMode, "writeMode");
  }
}
