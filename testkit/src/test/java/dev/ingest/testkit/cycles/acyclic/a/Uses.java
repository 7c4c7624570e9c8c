package dev.ingest.testkit.cycles.acyclic.a;

/** Fixture: depends on package {@code b}, which does not depend back. */
public class Uses {
  public dev.ingest.testkit.cycles.acyclic.b.Used used;
}
