package dev.ingest.testkit.cycles.parent.child;

/** Fixture: uses its parent package (the other half of the parent/child cycle). */
public class Child {
  public dev.ingest.testkit.cycles.parent.Parent parent;
}
