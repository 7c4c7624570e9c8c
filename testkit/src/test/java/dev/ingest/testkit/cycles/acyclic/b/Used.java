package dev.ingest.testkit.cycles.acyclic.b;

/** Fixture: a leaf. */
public class Used {
  public String name;
}
