package dev.ingest.testkit.cycles.parent;

/** Fixture: a root-package type that uses its child package, which uses it back. */
public class Parent {
  public dev.ingest.testkit.cycles.parent.child.Child child;
}
